import { isUuid } from '../../../src/validation/uuid';
import { available, type StockLevel } from './stock-level';

export interface ReservationLine {
  productId: string;
  quantity: number;
}

export interface ShortLine {
  productId: string;
  requested: number;
  available: number;
}

export type ReservationFailureReason = 'insufficient_stock' | 'unknown_product' | 'invalid_order_lines';

export type ReservationDecision =
  | { outcome: 'reserve'; lines: ReservationLine[] }
  | { outcome: 'fail'; reason: ReservationFailureReason; shortLines: ShortLine[] };

const MAX_LINE_QUANTITY = 1_000_000;

/**
 * An order's lines as one quantity per product, sorted by product id — the order in which stock rows
 * are locked, so that concurrent reservations never wait on each other in a cycle.
 * Returns undefined when the lines cannot be reserved at all (none, bad product id or quantity).
 */
export function mergeOrderLines(lines: readonly ReservationLine[]): ReservationLine[] | undefined {
  if (lines.length === 0) return undefined;
  const byProduct = new Map<string, number>();
  for (const { productId, quantity } of lines) {
    if (!isUuid(productId) || !Number.isInteger(quantity) || quantity <= 0) return undefined;
    const key = productId.toLowerCase();
    byProduct.set(key, (byProduct.get(key) ?? 0) + quantity);
  }
  const merged = [...byProduct].map(([productId, quantity]) => ({ productId, quantity }));
  if (merged.some((line) => line.quantity > MAX_LINE_QUANTITY)) return undefined;
  return merged.sort((a, b) => (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0));
}

/** All lines or none: the order is reserved only if every product has enough available stock. */
export function decideReservation(
  lines: readonly ReservationLine[],
  stock: ReadonlyMap<string, StockLevel>,
): ReservationDecision {
  const merged = mergeOrderLines(lines);
  if (!merged) return { outcome: 'fail', reason: 'invalid_order_lines', shortLines: [] };
  const shortLines: ShortLine[] = [];
  let unknown = false;
  for (const line of merged) {
    const level = stock.get(line.productId);
    if (!level) unknown = true;
    const free = level ? available(level) : 0;
    if (free < line.quantity) shortLines.push({ productId: line.productId, requested: line.quantity, available: free });
  }
  if (shortLines.length === 0) return { outcome: 'reserve', lines: merged };
  return { outcome: 'fail', reason: unknown ? 'unknown_product' : 'insufficient_stock', shortLines };
}
