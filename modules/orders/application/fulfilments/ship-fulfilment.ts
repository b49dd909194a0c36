import type { Knex } from 'knex';
import type { Principal } from '../../../../src/auth/principal';
import type { Fulfilment, LineAllocation, Tracking } from '../../domain/fulfilment/fulfilment';
import { requireShippable } from '../../domain/fulfilment/plan-fulfilment';
import { requireAdmin } from '../../domain/order-access';
import type { Order } from '../../domain/order';
import { OrderErrors } from '../../domain/orders.errors';
import { allocationsOf, saveAllocations } from '../../infrastructure/fulfilment.repository';
import { eventItems } from './fulfilment-events';
import { OrderFulfilments } from './order-fulfilments';

export interface TrackingRequest {
  carrier: string;
  trackingNumber: string;
  trackingUrl?: string;
}

/** The parcel left with a carrier: inventory commits its units at its location (FulfilmentShipped). */
export async function shipFulfilment(db: Knex, caller: Principal, fulfilmentId: string, tracking: TrackingRequest): Promise<{ order: Order; fulfilment: Fulfilment }> {
  requireAdmin(caller, 'ship orders');
  const checked = checkedTracking(tracking);
  return db.transaction(async (trx) => {
    const { all, fulfilment } = await OrderFulfilments.lockOf(trx, fulfilmentId);
    const shipped = await ship(trx, all, fulfilment, checked);
    return { order: await all.save(trx, caller.userId), fulfilment: shipped };
  });
}

export function checkedTracking({ carrier, trackingNumber, trackingUrl }: TrackingRequest): Tracking {
  const number = trackingNumber.trim();
  if (number === '') throw OrderErrors.trackingNumberRequired();
  const url = trackingUrl?.trim() || null;
  if (url !== null && !/^https?:\/\/\S+$/i.test(url)) throw OrderErrors.invalidFulfilment([{ field: 'trackingUrl', message: 'Must be an http(s) URL' }]);
  return { carrier: carrier.trim(), trackingNumber: number, trackingUrl: url };
}

/** Ships one pending fulfilment of the locked order; its units leave the allocation at its location. */
export async function ship(trx: Knex.Transaction, all: OrderFulfilments, fulfilment: Fulfilment, tracking: Tracking): Promise<Fulfilment> {
  requireShippable(fulfilment);
  const { order } = all;
  const shipped: Fulfilment = { ...fulfilment, status: 'SHIPPED', tracking, shippedAt: new Date() };
  if (fulfilment.locationId) await leaveAllocation(trx, order.id, fulfilment.locationId, fulfilment);
  all.change(shipped, {
    event: 'fulfilmentShipped',
    payload: {
      fulfilmentId: shipped.id,
      orderId: order.id,
      customerId: order.customerId,
      locationId: shipped.locationId ?? '',
      lines: eventItems(order, shipped.lines),
      carrier: tracking.carrier,
      trackingNumber: tracking.trackingNumber,
      trackingUrl: tracking.trackingUrl ?? '',
    },
  });
  return shipped;
}

async function leaveAllocation(trx: Knex.Transaction, orderId: string, locationId: string, fulfilment: Fulfilment): Promise<void> {
  const allocations = await allocationsOf(trx, orderId);
  const rows: Array<{ orderId: string; variantId: string; allocations: LineAllocation[] }> = [];
  for (const line of fulfilment.lines) {
    const held = allocations.get(line.variantId) ?? [];
    if (held.length === 0) continue;
    const left = held.map((a) => (a.locationId === locationId ? { ...a, quantity: Math.max(0, a.quantity - line.quantity) } : a)).filter((a) => a.quantity > 0);
    rows.push({ orderId, variantId: line.variantId, allocations: left });
  }
  await saveAllocations(trx, rows);
}
