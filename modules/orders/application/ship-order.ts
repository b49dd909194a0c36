import type { Knex } from 'knex';
import type { Principal } from '../../../src/auth/principal';
import type { Order } from '../domain/order';
import { requireAdmin } from '../domain/order-access';
import { toShipped } from '../domain/order-transitions';
import { OrderErrors } from '../domain/orders.errors';
import { lockOrder } from '../infrastructure/order.repository';
import { saveTransition } from './save-transition';

export async function shipOrder(db: Knex, caller: Principal, orderId: string, trackingNumber: string): Promise<Order> {
  requireAdmin(caller, 'ship orders');
  const tracking = trackingNumber.trim();
  if (tracking === '') {
    throw OrderErrors.trackingNumberRequired();
  }
  return db.transaction(async (trx) => {
    const order = await lockOrder(trx, orderId);
    if (!order) throw OrderErrors.notFound(orderId);
    return saveTransition(trx, toShipped(order, { actor: caller.userId, trackingNumber: tracking }, new Date()));
  });
}
