import type { Knex } from 'knex';
import { OrderStream } from '../../../proto/streams';
import type { Principal } from '../../../src/auth/principal';
import { recordEvent } from '../../../src/messaging/outbox';
import type { Order } from '../domain/order';
import { isVisibleTo } from '../domain/order-access';
import { lockOrder } from '../infrastructure/order.repository';
import { changeOrderStatus } from './change-order-status';
import { OrderErrors } from '../domain/orders.errors';
import { eventLines } from './order-event-payloads';

/**
 * The owner or an admin cancels an order that has not shipped. Inventory releases or restocks the lines
 * on OrderCancelled; when the order holds a payment, refundRequired tells payments to refund it.
 */
export async function cancelOrder(db: Knex, caller: Principal, orderId: string, reason?: string): Promise<Order> {
  return db.transaction(async (trx) => {
    const order = await lockOrder(trx, orderId);
    if (!order || !isVisibleTo(order, caller)) throw OrderErrors.notFound(orderId);
    const why = reason?.trim() || (caller.role === 'admin' && order.customerId !== caller.userId ? 'Cancelled by an admin' : 'Cancelled by the customer');
    const cancelled = await changeOrderStatus(trx, order, 'CANCELLED', { actor: caller.userId, reason: why });
    const refundRequired = order.paymentId !== null;
    await recordEvent(trx, OrderStream, order.id, 'orderCancelled', {
      orderId: order.id,
      customerId: order.customerId,
      previousStatus: order.status,
      reason: why,
      refundRequired,
      lines: eventLines(order),
      paymentId: order.paymentId ?? '',
    });
    return cancelled;
  });
}
