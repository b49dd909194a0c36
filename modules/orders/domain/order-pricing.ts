import type { Money } from '../../../src/money/money';
import { lineTotalCents, orderTotal } from './order-totals';
import type { OrderItem, OrderLine } from './order';
import { OrderErrors } from './orders.errors';

/** What the orders module knows about a product from the product events it has seen. */
export interface CatalogEntry {
  productId: string;
  sku: string;
  name: string;
  priceCents: number | null;
  currency: string | null;
  archived: boolean;
}

export const MIN_QUANTITY = 1;
export const MAX_QUANTITY = 100;

/**
 * One line per product: a repeated product is rejected rather than merged, because merging would
 * silently exceed the per-line quantity limit and hide a client bug.
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
  const normalized = items.map((item) => ({ productId: item.productId.toLowerCase(), quantity: item.quantity }));
  const seen = new Set<string>();
  const repeats: { productId: string; index: number }[] = [];
  normalized.forEach(({ productId }, index) => {
    if (seen.has(productId)) repeats.push({ productId, index });
    seen.add(productId);
  });
  if (repeats.length > 0) {
    throw OrderErrors.duplicateProductLines(
      [...new Set(repeats.map((r) => r.productId))],
      repeats.map(({ index }) => ({ field: `items.${index}.productId`, message: 'repeats an earlier line' })),
    );
  }
  return normalized;
}

/** Prices the items from the catalogue; unknown or archived products are named in the error. */
export function priceItems(
  items: readonly OrderItem[],
  catalog: ReadonlyMap<string, CatalogEntry>,
): { lines: OrderLine[]; total: Money } {
  const unknown = items.filter((item) => !catalog.has(item.productId)).map((item) => item.productId);
  if (unknown.length > 0) {
    throw OrderErrors.unknownProducts(unknown);
  }
  const unavailable = items
    .filter((item) => {
      const entry = catalog.get(item.productId)!;
      return entry.archived || entry.priceCents === null || entry.currency === null;
    })
    .map((item) => item.productId);
  if (unavailable.length > 0) {
    throw OrderErrors.productsUnavailable(unavailable);
  }
  const priced = items.map((item) => {
    const entry = catalog.get(item.productId)!;
    return { item, entry, unitPriceCents: entry.priceCents!, currency: entry.currency! };
  });
  const total = orderTotal(priced.map(({ item, unitPriceCents, currency }) => ({ unitPriceCents, currency, quantity: item.quantity })));
  const lines = priced.map(({ item, entry, unitPriceCents }) => ({
    productId: item.productId,
    sku: entry.sku,
    name: entry.name,
    quantity: item.quantity,
    unitPriceCents,
    lineTotalCents: lineTotalCents(unitPriceCents, item.quantity),
  }));
  return { lines, total };
}
