import type { Knex } from 'knex';
import type { Principal } from '../../../src/auth/principal';
import { acceptsFulfilment, unfulfilledByLocation } from '../domain/fulfilment/plan-fulfilment';
import type { Order } from '../domain/order';
import { requireAdmin } from '../domain/order-access';
import { OrderErrors } from '../domain/orders.errors';
import { allocationsOf } from '../infrastructure/fulfilment.repository';
import { planned } from './fulfilments/create-fulfilment';
import { OrderFulfilments } from './fulfilments/order-fulfilments';
import { checkedTracking, ship } from './fulfilments/ship-fulfilment';
import { addFulfilment } from './fulfilments/add-fulfilment';

/**
 * Ships everything not yet shipped with one tracking number: the units not in a fulfilment are packed from where
 * they are reserved (one fulfilment per location), then every pending fulfilment ships.
 */
export async function shipOrder(db: Knex, caller: Principal, orderId: string, trackingNumber: string, carrier = ''): Promise<Order> {
  requireAdmin(caller, 'ship orders');
  const tracking = checkedTracking({ carrier, trackingNumber });
  return db.transaction(async (trx) => {
    const all = await OrderFulfilments.lock(trx, orderId);
    if (!acceptsFulfilment(all.order.status)) throw OrderErrors.illegalTransition(all.order.status, 'SHIPPED');
    for (const group of unfulfilledByLocation(all.order, all.fulfilments, await allocationsOf(trx, all.order.id))) {
      if (group.locationId) await planned(trx, all, group.locationId, group.lines, caller.userId);
      else addFulfilment(all, { locationId: null, lines: group.lines, moves: [] }, caller.userId);
    }
    const pending = all.fulfilments.filter((f) => f.status === 'PENDING');
    if (pending.length === 0) throw OrderErrors.nothingToShip(all.order.id);
    for (const fulfilment of pending) await ship(trx, all, fulfilment, tracking);
    return all.save(trx, caller.userId);
  });
}
