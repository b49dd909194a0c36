import type { Knex } from 'knex';
import type { Principal } from '../../../src/auth/principal';
import type { Order } from '../domain/order';
import { isVisibleTo } from '../domain/order-access';
import { toCancelled } from '../domain/order-transitions';
import { OrderErrors } from '../domain/orders.errors';
import { withdraw } from './fulfilments/cancel-fulfilment';
import { OrderFulfilments } from './fulfilments/order-fulfilments';
import { saveTransition } from './save-transition';

/**
 * The owner or an admin cancels an order none of whose units has shipped; parcels still being packed are cancelled
 * with it. Inventory releases the reserved stock on OrderCancelled; when the order holds a payment, refundRequired
 * tells payments to refund it.
 */
export async function cancelOrder(db: Knex, caller: Principal, orderId: string, reason?: string): Promise<Order> {
  return db.transaction(async (trx) => {
    const all = await OrderFulfilments.lock(trx, orderId);
    const { order } = all;
    if (!isVisibleTo(order, caller)) throw OrderErrors.notFound(orderId);
    const why = reason?.trim() || (caller.role === 'admin' && order.customerId !== caller.userId ? 'Cancelled by an admin' : 'Cancelled by the customer');
    const cancelled = toCancelled(order, { actor: caller.userId, reason: why }, new Date());
    for (const fulfilment of all.fulfilments.filter((f) => f.status === 'PENDING')) withdraw(all, fulfilment, `The order was cancelled: ${why}`);
    await all.save(trx, caller.userId);
    return saveTransition(trx, cancelled);
  });
}
