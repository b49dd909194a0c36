import type { Money } from '../../../src/money/money';
import { lineTotalCents, orderTotal } from './order-totals';
import type { LineOptionValue, OrderItem, OrderLine, ResolvedItem } from './order';
import type { OrderBreakdown } from './tax/order-breakdown';
import type { TaxClass } from './tax/tax-rate';
import { OrderErrors } from './orders.errors';

export type VariantOptionValue = LineOptionValue;

/** What the orders module knows about a variant (and its product) from the product events it has seen. */
export interface CatalogEntry {
  variantId: string;
  productId: string;
  sku: string;
  /** The product's name. */
  name: string;
  options: VariantOptionValue[];
  priceCents: number | null;
  currency: string | null;
  /** The variant or its product is archived: it cannot be ordered. */
  archived: boolean;
  taxClass: TaxClass;
  weightGrams: number | null;
}

/** A line priced from the catalogue, before the order's discount, shipping and tax are spread over it. */
export type PricedItem = Omit<OrderLine, 'discountCents' | 'tax'> & { taxClass: TaxClass; weightGrams: number | null };

export const MIN_QUANTITY = 1;
export const MAX_QUANTITY = 100;

/**
 * Checks the items' quantities and that each names a variant or a product, lower-casing the ids.
 */
export function normalizeItems(items: readonly OrderItem[]): OrderItem[] {
  const badQuantities = items
    .map((item, index) => ({ item, index }))
    .filter(({ item }) => !Number.isInteger(item.quantity) || item.quantity < MIN_QUANTITY || item.quantity > MAX_QUANTITY);
  if (badQuantities.length > 0) {
    throw OrderErrors.invalidQuantities(
      MIN_QUANTITY,
      MAX_QUANTITY,
      badQuantities.map(({ index }) => ({ field: `items.${index}.quantity`, message: `must be ${MIN_QUANTITY} to ${MAX_QUANTITY}` })),
    );
  }
  const untargeted = items.map((item, index) => ({ item, index })).filter(({ item }) => !item.variantId && !item.productId);
  if (untargeted.length > 0) {
    throw OrderErrors.itemTargetRequired(untargeted.map(({ index }) => ({ field: `items.${index}.variantId`, message: 'is required (or productId)' })));
  }
  return items.map((item) =>
    item.variantId ? { variantId: item.variantId.toLowerCase(), quantity: item.quantity } : { productId: item.productId!.toLowerCase(), quantity: item.quantity },
  );
}

/** The ids an item names (a variant, or a product), for reading the catalogue. */
export function namedIds(items: readonly OrderItem[]): string[] {
  return items.map((item) => (item.variantId ?? item.productId)!);
}

/**
 * The variant each item buys: the one it names, or the one live variant of the product it names. A product with
 * several live variants is refused naming them (the customer must choose); one with none, or an id the catalogue
 * does not know, is left for pricing to refuse. One line per variant: a repeat is refused rather than merged,
 * because merging would silently exceed the per-line quantity limit and hide a client bug.
 */
export function resolveItems(items: readonly OrderItem[], entries: readonly CatalogEntry[]): ResolvedItem[] {
  const choices: Array<{ productId: string; variantIds: string[] }> = [];
  const resolved = items.map((item): ResolvedItem => {
    if (item.variantId) return { variantId: item.variantId, quantity: item.quantity };
    const live = entries.filter((entry) => entry.productId === item.productId && !entry.archived);
    if (live.length > 1) choices.push({ productId: item.productId!, variantIds: live.map((entry) => entry.variantId).sort() });
    const only = live.length === 1 ? live[0] : entries.find((entry) => entry.productId === item.productId);
    return { variantId: only?.variantId ?? item.productId!, quantity: item.quantity };
  });
  if (choices.length > 0) throw OrderErrors.variantRequired(choices);
  const seen = new Set<string>();
  const repeats: { variantId: string; index: number }[] = [];
  resolved.forEach(({ variantId }, index) => {
    if (seen.has(variantId)) repeats.push({ variantId, index });
    seen.add(variantId);
  });
  if (repeats.length > 0) {
    throw OrderErrors.duplicateProductLines(
      [...new Set(repeats.map((r) => r.variantId))],
      repeats.map(({ index }) => ({ field: `items.${index}.${items[index].variantId ? 'variantId' : 'productId'}`, message: 'repeats an earlier line' })),
    );
  }
  return resolved;
}

/** The catalogue's entries by variant id. */
export function byVariant(entries: readonly CatalogEntry[]): Map<string, CatalogEntry> {
  return new Map(entries.map((entry) => [entry.variantId, entry]));
}

/** Prices the items from the catalogue; unknown or archived variants are named in the error. */
export function priceItems(
  items: readonly ResolvedItem[],
  catalog: ReadonlyMap<string, CatalogEntry>,
): { lines: PricedItem[]; total: Money } {
  const unknown = items.filter((item) => !catalog.has(item.variantId)).map((item) => item.variantId);
  if (unknown.length > 0) {
    throw OrderErrors.unknownProducts(unknown);
  }
  const unavailable = items
    .filter((item) => {
      const entry = catalog.get(item.variantId)!;
      return entry.archived || entry.priceCents === null || entry.currency === null;
    })
    .map((item) => item.variantId);
  if (unavailable.length > 0) {
    throw OrderErrors.productsUnavailable(unavailable);
  }
  const priced = items.map((item) => {
    const entry = catalog.get(item.variantId)!;
    return { item, entry, unitPriceCents: entry.priceCents!, currency: entry.currency! };
  });
  const total = orderTotal(priced.map(({ item, unitPriceCents, currency }) => ({ unitPriceCents, currency, quantity: item.quantity })));
  const lines = priced.map(({ item, entry, unitPriceCents }) => ({
    productId: entry.productId,
    variantId: entry.variantId,
    sku: entry.sku,
    name: entry.name,
    options: entry.options,
    quantity: item.quantity,
    unitPriceCents,
    lineTotalCents: lineTotalCents(unitPriceCents, item.quantity),
    taxClass: entry.taxClass,
    weightGrams: entry.weightGrams,
  }));
  return { lines, total };
}

/** What the lines weigh together; a variant without a weight counts as weightless. */
export function weightOf(lines: readonly PricedItem[]): number {
  return lines.reduce((sum, line) => sum + (line.weightGrams ?? 0) * line.quantity, 0);
}

/** The order's lines with their discount shares and taxes, as the breakdown spread them. */
export function linesWith(items: readonly PricedItem[], breakdown: OrderBreakdown): OrderLine[] {
  return items.map(({ taxClass: _class, weightGrams: _weight, ...line }, i) => ({ ...line, discountCents: breakdown.lines[i].discountMinor, tax: breakdown.lines[i].tax }));
}
