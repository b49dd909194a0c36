import type { Knex } from 'knex';
import type { Principal } from '../../../src/auth/principal';
import type { Order } from '../domain/order';
import { isVisibleTo } from '../domain/order-access';
import { lockOrder } from '../infrastructure/order.repository';
import { toCancelled } from '../domain/order-transitions';
import { OrderErrors } from '../domain/orders.errors';
import { saveTransition } from './save-transition';

/**
 * The owner or an admin cancels an order that has not shipped. Inventory releases or restocks the lines
 * on OrderCancelled; when the order holds a payment, refundRequired tells payments to refund it.
 */
export async function cancelOrder(db: Knex, caller: Principal, orderId: string, reason?: string): Promise<Order> {
  return db.transaction(async (trx) => {
    const order = await lockOrder(trx, orderId);
    if (!order || !isVisibleTo(order, caller)) throw OrderErrors.notFound(orderId);
    const why = reason?.trim() || (caller.role === 'admin' && order.customerId !== caller.userId ? 'Cancelled by an admin' : 'Cancelled by the customer');
    return saveTransition(trx, toCancelled(order, { actor: caller.userId, reason: why }, new Date()));
  });
}
