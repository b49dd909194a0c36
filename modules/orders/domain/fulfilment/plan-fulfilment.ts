import type { Order } from '../order';
import { OrderErrors } from '../orders.errors';
import { counts, quantityOf, type AllocationMove, type Fulfilment, type ItemQuantity, type LineAllocation } from './fulfilment';

/** Statuses in which units can still be packed. */
export function acceptsFulfilment(status: Order['status']): boolean {
  return status === 'PAID' || status === 'PARTIALLY_SHIPPED';
}

/** Units of each line not yet in a fulfilment. */
export function unfulfilled(order: Pick<Order, 'lines'>, fulfilments: readonly Fulfilment[]): ItemQuantity[] {
  return order.lines
    .map((line) => ({
      variantId: line.variantId,
      quantity: line.quantity - fulfilments.filter(counts).reduce((sum, f) => sum + quantityOf(f.lines, line.variantId), 0),
    }))
    .filter((line) => line.quantity > 0);
}

/**
 * Where each line's unshipped units are reserved, as this module last heard from inventory, with the moves of
 * fulfilments still waiting for inventory already applied.
 */
export function effectiveAllocations(allocations: ReadonlyMap<string, LineAllocation[]>, fulfilments: readonly Fulfilment[]): Map<string, Map<string, number>> {
  const byVariant = new Map<string, Map<string, number>>();
  for (const [variantId, lines] of allocations) byVariant.set(variantId, new Map(lines.map((a) => [a.locationId, a.quantity])));
  for (const fulfilment of fulfilments) {
    if (fulfilment.stock !== 'MOVING' || fulfilment.status !== 'PENDING' || !fulfilment.locationId) continue;
    for (const move of fulfilment.moves) {
      const at = byVariant.get(move.variantId) ?? new Map<string, number>();
      at.set(move.fromLocationId, (at.get(move.fromLocationId) ?? 0) - move.quantity);
      at.set(fulfilment.locationId, (at.get(fulfilment.locationId) ?? 0) + move.quantity);
      byVariant.set(move.variantId, at);
    }
  }
  return byVariant;
}

/** Units of a variant that pending fulfilments at each location have claimed. */
function claimedAt(fulfilments: readonly Fulfilment[], variantId: string): Map<string, number> {
  const claimed = new Map<string, number>();
  for (const f of fulfilments) {
    if (f.status !== 'PENDING' || !f.locationId) continue;
    claimed.set(f.locationId, (claimed.get(f.locationId) ?? 0) + quantityOf(f.lines, variantId));
  }
  return claimed;
}

export interface FulfilmentRequest {
  locationId: string;
  lines: ItemQuantity[];
}

/**
 * What a new fulfilment needs: each line's units from those not yet fulfilled (409 beyond them), reserved at the
 * chosen location or moved there from where they are reserved, when that location has them available (409 when it
 * has not: stock is never counted twice). Orders whose reservation predates allocations ship from anywhere.
 */
export function planFulfilment(
  order: Pick<Order, 'id' | 'status' | 'lines'>,
  fulfilments: readonly Fulfilment[],
  request: FulfilmentRequest,
  allocations: ReadonlyMap<string, LineAllocation[]>,
  availableAtLocation: ReadonlyMap<string, number>,
): { lines: ItemQuantity[]; moves: AllocationMove[] } {
  if (!acceptsFulfilment(order.status)) throw OrderErrors.notFulfillable(order.id, order.status);
  const seen = new Set<string>();
  for (const [index, line] of request.lines.entries()) {
    const variantId = line.variantId.toLowerCase();
    if (seen.has(variantId)) throw OrderErrors.invalidFulfilment([{ field: `lines[${index}].variantId`, message: 'Each variant appears once' }]);
    seen.add(variantId);
    if (!order.lines.some((l) => l.variantId === variantId)) {
      throw OrderErrors.invalidFulfilment([{ field: `lines[${index}].variantId`, message: 'The order has no line of this variant' }]);
    }
  }
  const open = unfulfilled(order, fulfilments);
  const lines = request.lines.map((line) => ({ variantId: line.variantId.toLowerCase(), quantity: line.quantity }));
  const over = lines.filter((line) => line.quantity > quantityOf(open, line.variantId));
  if (over.length > 0) {
    throw OrderErrors.fulfilmentExceedsOrder(over.map((line) => ({ variantId: line.variantId, requested: line.quantity, unfulfilled: quantityOf(open, line.variantId) })));
  }

  const effective = effectiveAllocations(allocations, fulfilments);
  const moves: AllocationMove[] = [];
  const short: Array<{ variantId: string; needed: number; available: number }> = [];
  for (const line of lines) {
    const at = effective.get(line.variantId);
    if (!at || [...at.values()].every((q) => q <= 0)) continue;
    const claimed = claimedAt(fulfilments, line.variantId);
    const free = (locationId: string) => Math.max(0, (at.get(locationId) ?? 0) - (claimed.get(locationId) ?? 0));
    let needed = line.quantity - free(request.locationId);
    if (needed <= 0) continue;
    const available = availableAtLocation.get(line.variantId) ?? 0;
    if (available < needed) {
      short.push({ variantId: line.variantId, needed, available });
      continue;
    }
    for (const locationId of [...at.keys()].sort()) {
      if (needed === 0) break;
      if (locationId === request.locationId) continue;
      const taken = Math.min(needed, free(locationId));
      if (taken > 0) moves.push({ variantId: line.variantId, fromLocationId: locationId, quantity: taken });
      needed -= taken;
    }
  }
  if (short.length > 0) throw OrderErrors.locationShort(request.locationId, short);
  return { lines, moves };
}

/** A fulfilment can ship once its units are held at its location. */
export function requireShippable(fulfilment: Fulfilment): void {
  if (fulfilment.status !== 'PENDING') throw OrderErrors.fulfilmentNotPending(fulfilment.id, fulfilment.status);
  if (fulfilment.stock !== 'HELD') throw OrderErrors.fulfilmentStockMoving(fulfilment.id);
}

/**
 * Every unit not yet in a fulfilment, grouped by the location holding it: what "ship the whole order" packs.
 * Units whose allocation this module never heard of (reserved before allocations) form one group without a location.
 */
export function unfulfilledByLocation(
  order: Pick<Order, 'lines'>,
  fulfilments: readonly Fulfilment[],
  allocations: ReadonlyMap<string, LineAllocation[]>,
): Array<{ locationId: string | null; lines: ItemQuantity[] }> {
  const effective = effectiveAllocations(allocations, fulfilments);
  const groups = new Map<string | null, ItemQuantity[]>();
  const put = (locationId: string | null, variantId: string, quantity: number) => groups.set(locationId, [...(groups.get(locationId) ?? []), { variantId, quantity }]);
  for (const { variantId, quantity } of unfulfilled(order, fulfilments)) {
    const claimed = claimedAt(fulfilments, variantId);
    let left = quantity;
    for (const [locationId, held] of [...(effective.get(variantId) ?? new Map<string, number>())].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const taken = Math.min(left, Math.max(0, held - (claimed.get(locationId) ?? 0)));
      if (taken > 0) put(locationId, variantId, taken);
      left -= taken;
    }
    if (left > 0) put(null, variantId, left);
  }
  return [...groups].map(([locationId, lines]) => ({ locationId, lines }));
}
