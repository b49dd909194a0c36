import type { Order } from '../order';
import type { OrderStatus } from '../order-status';
import { counts, hasShipped, quantityOf, type Fulfilment } from './fulfilment';

/** How far one line has gone: units in fulfilments (packing or later), shipped, delivered, and received back. */
export interface LineProgress {
  variantId: string;
  ordered: number;
  fulfilled: number;
  shipped: number;
  delivered: number;
  returned: number;
}

export function progressOf(order: Pick<Order, 'lines'>, fulfilments: readonly Fulfilment[], returned: ReadonlyMap<string, number> = new Map()): LineProgress[] {
  const sum = (variantId: string, which: (f: Fulfilment) => boolean) =>
    fulfilments.filter(which).reduce((total, f) => total + quantityOf(f.lines, variantId), 0);
  return order.lines.map((line) => ({
    variantId: line.variantId,
    ordered: line.quantity,
    fulfilled: sum(line.variantId, counts),
    shipped: sum(line.variantId, hasShipped),
    delivered: sum(line.variantId, (f) => f.status === 'DELIVERED'),
    returned: returned.get(line.variantId) ?? 0,
  }));
}

/**
 * The status a paid order's fulfilments give it: PAID until a unit ships, PARTIALLY_SHIPPED until all have,
 * SHIPPED until every shipment is delivered, then DELIVERED.
 */
export function fulfilmentStatusOf(progress: readonly LineProgress[]): Extract<OrderStatus, 'PAID' | 'PARTIALLY_SHIPPED' | 'SHIPPED' | 'DELIVERED'> {
  const shipped = progress.reduce((sum, line) => sum + line.shipped, 0);
  if (shipped === 0) return 'PAID';
  if (progress.some((line) => line.shipped < line.ordered)) return 'PARTIALLY_SHIPPED';
  return progress.every((line) => line.delivered === line.ordered) ? 'DELIVERED' : 'SHIPPED';
}
