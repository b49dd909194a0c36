import { available } from './stock-level';
import type { AllocatedLine, Allocation } from './reservation';
import type { StockItem } from './stock-item';

/** Units of a line to be held at the fulfilment's location instead of `fromLocationId`. */
export interface AllocationMove {
  variantId: string;
  fromLocationId: string;
  quantity: number;
}

/** Units of a line that left a location. */
export interface ShippedLine {
  variantId: string;
  quantity: number;
}

function withAllocation(allocations: readonly Allocation[], locationId: string, delta: number): Allocation[] {
  const found = allocations.some((a) => a.locationId === locationId);
  const changed = found ? allocations.map((a) => (a.locationId === locationId ? { ...a, quantity: a.quantity + delta } : a)) : [...allocations, { locationId, quantity: delta }];
  return changed.filter((a) => a.quantity > 0);
}

/**
 * A reservation's lines after moving units to `locationId`: each move takes units held at its source and needs the
 * target location active with that many available (stock is never counted twice). All moves or none: the reason
 * when refused.
 */
export function planMoves(
  lines: readonly AllocatedLine[],
  locationId: string,
  moves: readonly AllocationMove[],
  stock: ReadonlyMap<string, StockItem>,
): { lines: AllocatedLine[] } | { refused: string } {
  let planned = lines.map((line) => ({ ...line, allocations: [...line.allocations] }));
  const wanted = new Map<string, number>();
  for (const move of moves) {
    const line = planned.find((l) => l.variantId === move.variantId);
    const held = line?.allocations.find((a) => a.locationId === move.fromLocationId)?.quantity ?? 0;
    if (!line || held < move.quantity) return { refused: `${move.quantity} of ${move.variantId} are not held at ${move.fromLocationId}` };
    planned = planned.map((l) => (l === line ? { ...l, allocations: withAllocation(withAllocation(l.allocations, move.fromLocationId, -move.quantity), locationId, move.quantity) } : l));
    wanted.set(move.variantId, (wanted.get(move.variantId) ?? 0) + move.quantity);
  }
  for (const [variantId, quantity] of wanted) {
    const level = stock.get(variantId)?.levels.find((l) => l.locationId === locationId);
    const free = level && level.active ? available(level) : 0;
    if (free < quantity) return { refused: `location ${locationId} has ${free} of ${variantId} available, ${quantity} needed` };
  }
  return { lines: planned };
}

/**
 * A reservation's lines after units left a location: each shipped line takes its units from the allocation at
 * that location (or, for a shipment that names none, from its allocations in order). The reason when they are not
 * held there.
 */
export function planShipment(
  lines: readonly AllocatedLine[],
  locationId: string | undefined,
  shipped: readonly ShippedLine[],
): { lines: AllocatedLine[]; committed: AllocatedLine[] } | { refused: string } {
  let planned = [...lines];
  const committed: AllocatedLine[] = [];
  for (const { variantId, quantity } of shipped) {
    const line = planned.find((l) => l.variantId === variantId);
    if (!line) return { refused: `the reservation holds no ${variantId}` };
    const sources = locationId ? line.allocations.filter((a) => a.locationId === locationId) : line.allocations;
    const taken: Allocation[] = [];
    let left = quantity;
    for (const source of sources) {
      const take = Math.min(left, source.quantity);
      if (take > 0) taken.push({ locationId: source.locationId, quantity: take });
      left -= take;
    }
    if (left > 0) return { refused: `${quantity} of ${variantId} are not held${locationId ? ` at ${locationId}` : ''}` };
    const allocations = taken.reduce((acc, t) => withAllocation(acc, t.locationId, -t.quantity), line.allocations);
    planned = planned.map((l) => (l === line ? { ...l, allocations } : l));
    committed.push({ variantId, productId: line.productId, quantity, allocations: taken });
  }
  return { lines: planned, committed };
}

/** Whether every unit of the reservation has shipped. */
export function allShipped(lines: readonly AllocatedLine[]): boolean {
  return lines.every((line) => line.allocations.every((a) => a.quantity === 0));
}
