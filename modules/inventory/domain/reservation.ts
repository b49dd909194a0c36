import { isUuid } from '../../../src/validation/uuid';
import { available } from './stock-level';
import { byPriority, sellable, type StockItem } from './stock-item';

/** An order line as inventory reserves it: a variant and a quantity. */
export interface ReservationLine {
  variantId: string;
  quantity: number;
}

/** Units of a line held at one location. */
export interface Allocation {
  locationId: string;
  quantity: number;
}

/** A reserved line and where its units are held; release, commit and return act on exactly these allocations. */
export interface AllocatedLine extends ReservationLine {
  /** The product the variant belongs to (for the events). */
  productId: string;
  allocations: Allocation[];
}

export interface ShortLine {
  variantId: string;
  requested: number;
  available: number;
}

export type ReservationFailureReason = 'insufficient_stock' | 'unknown_product' | 'invalid_order_lines';

export type ReservationDecision =
  | { outcome: 'reserve'; lines: AllocatedLine[] }
  | { outcome: 'fail'; reason: ReservationFailureReason; shortLines: ShortLine[] };

const MAX_LINE_QUANTITY = 1_000_000;

/**
 * An order's lines as one quantity per variant, sorted by variant id — the order in which stock rows
 * are locked, so that concurrent reservations never wait on each other in a cycle.
 * Returns undefined when the lines cannot be reserved at all (none, bad variant id or quantity).
 */
export function mergeOrderLines(lines: readonly ReservationLine[]): ReservationLine[] | undefined {
  if (lines.length === 0) return undefined;
  const byVariant = new Map<string, number>();
  for (const { variantId, quantity } of lines) {
    if (!isUuid(variantId) || !Number.isInteger(quantity) || quantity <= 0) return undefined;
    const key = variantId.toLowerCase();
    byVariant.set(key, (byVariant.get(key) ?? 0) + quantity);
  }
  const merged = [...byVariant].map(([variantId, quantity]) => ({ variantId, quantity }));
  if (merged.some((line) => line.quantity > MAX_LINE_QUANTITY)) return undefined;
  return merged.sort((a, b) => (a.variantId < b.variantId ? -1 : a.variantId > b.variantId ? 1 : 0));
}

/**
 * Where a line's units come from: the first active location by priority (lowest first) that has them all, or,
 * when none has, the active locations in priority order, each giving what it has, until the line is covered.
 * Undefined when all active locations together have too few.
 */
export function allocate(item: Pick<StockItem, 'levels'>, quantity: number): Allocation[] | undefined {
  const candidates = item.levels.filter((level) => level.active && available(level) > 0).sort(byPriority);
  const whole = candidates.find((level) => available(level) >= quantity);
  if (whole) return [{ locationId: whole.locationId, quantity }];
  const allocations: Allocation[] = [];
  let missing = quantity;
  for (const level of candidates) {
    if (missing === 0) break;
    const taken = Math.min(missing, available(level));
    allocations.push({ locationId: level.locationId, quantity: taken });
    missing -= taken;
  }
  return missing === 0 ? allocations : undefined;
}

/** All lines or none: the order is reserved only if every variant has enough stock at active locations. */
export function decideReservation(lines: readonly ReservationLine[], stock: ReadonlyMap<string, StockItem>): ReservationDecision {
  const merged = mergeOrderLines(lines);
  if (!merged) return { outcome: 'fail', reason: 'invalid_order_lines', shortLines: [] };
  const shortLines: ShortLine[] = [];
  const allocated: AllocatedLine[] = [];
  let unknown = false;
  for (const line of merged) {
    const item = stock.get(line.variantId);
    if (!item) unknown = true;
    const allocations = item ? allocate(item, line.quantity) : undefined;
    if (!item || !allocations) shortLines.push({ variantId: line.variantId, requested: line.quantity, available: item ? sellable(item) : 0 });
    else allocated.push({ ...line, productId: item.productId, allocations });
  }
  if (shortLines.length === 0) return { outcome: 'reserve', lines: allocated };
  return { outcome: 'fail', reason: unknown ? 'unknown_product' : 'insufficient_stock', shortLines };
}
