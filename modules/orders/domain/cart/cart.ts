import { lineTotalCents, sumCents } from '../order-totals';
import type { CatalogEntry } from '../order-pricing';
import { MAX_QUANTITY, MIN_QUANTITY } from '../order-pricing';
import { OrderErrors } from '../orders.errors';

export interface CartLine {
  variantId: string;
  quantity: number;
}

/** Why a line cannot be bought as it is. */
export type CartLineProblem = 'archived' | 'out_of_stock' | 'not_enough_stock';

export interface PricedCartLine extends CartLine {
  /** The product the variant belongs to. */
  productId: string;
  sku: string;
  name: string;
  options: Array<{ option: string; value: string }>;
  unitPriceCents: number;
  lineTotalCents: number;
  available: boolean;
  problem?: CartLineProblem;
}

export interface PricedCart {
  lines: PricedCartLine[];
  subtotalCents: number;
  discountCents: number;
  totalCents: number;
  /** Null for an empty cart. */
  currency: string | null;
}

export function checkCartQuantity(quantity: number): void {
  if (!Number.isInteger(quantity) || quantity < MIN_QUANTITY || quantity > MAX_QUANTITY) {
    throw OrderErrors.invalidQuantities(MIN_QUANTITY, MAX_QUANTITY, [{ field: 'quantity', message: `must be ${MIN_QUANTITY} to ${MAX_QUANTITY}` }]);
  }
}

/**
 * Whether a variant may go into a cart at all: it must be known to the catalogue, orderable (not archived,
 * priced) and in the cart's currency. Stock is not checked here: a line above what is available is kept and
 * flagged, since stock changes, and refused only at checkout.
 */
export function checkProductForCart(entry: CatalogEntry | undefined, variantId: string, cartCurrency: string | null): CatalogEntry {
  if (!entry) throw OrderErrors.unknownProducts([variantId]);
  if (entry.archived || entry.priceCents === null || entry.currency === null) throw OrderErrors.productsUnavailable([variantId]);
  if (cartCurrency !== null && entry.currency !== cartCurrency) throw OrderErrors.mixedCurrencies([cartCurrency, entry.currency]);
  return entry;
}

/**
 * Prices a cart from the catalogue as it is now (a price change reaches open carts; an order freezes the price)
 * and flags lines that cannot be bought: archived variants (or products), and quantities above the stock available.
 * A variant whose stock level the orders module has not heard of yet counts as out of stock.
 */
export function priceCart(lines: readonly CartLine[], catalog: ReadonlyMap<string, CatalogEntry>, available: ReadonlyMap<string, number>): PricedCart {
  const priced = lines.map((line): PricedCartLine => {
    const entry = catalog.get(line.variantId);
    const unitPriceCents = entry?.priceCents ?? 0;
    const onShelf = available.get(line.variantId) ?? 0;
    const problem: CartLineProblem | undefined =
      !entry || entry.archived || entry.priceCents === null ? 'archived' : onShelf <= 0 ? 'out_of_stock' : onShelf < line.quantity ? 'not_enough_stock' : undefined;
    return {
      ...line,
      productId: entry?.productId ?? line.variantId,
      sku: entry?.sku ?? '',
      name: entry?.name ?? '',
      options: entry?.options ?? [],
      unitPriceCents,
      lineTotalCents: lineTotalCents(unitPriceCents, line.quantity),
      available: problem === undefined,
      ...(problem ? { problem } : {}),
    };
  });
  const currencies = [...new Set(lines.map((line) => catalog.get(line.variantId)?.currency).filter((c): c is string => !!c))];
  const subtotalCents = sumCents(priced.map((line) => line.lineTotalCents));
  return { lines: priced, subtotalCents, discountCents: 0, totalCents: subtotalCents, currency: currencies[0] ?? null };
}
