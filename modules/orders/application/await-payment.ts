import type { Knex } from 'knex';
import { OrderStream } from '../../../proto/streams';
import { recordEvent } from '../../../src/messaging/outbox';
import { SYSTEM_ACTOR, type Order } from '../domain/order';
import { changeOrderStatus } from './change-order-status';
import type { SourceEvent } from './event-source';
import { lockOrderAwaitingStock } from './lock-order-awaiting-stock';
import { eventLines, eventMoney, eventTotal } from './order-event-payloads';

/**
 * Stock is reserved: the order waits for payment until its due time. A payment that arrived while the
 * order was still pending is applied at once.
 */
export async function awaitPayment(
  trx: Knex.Transaction,
  orderId: string,
  source: SourceEvent,
  paymentTimeoutSeconds: number,
): Promise<void> {
  const order = await lockOrderAwaitingStock(trx, orderId, source);
  if (!order) return;
  const paymentDueAt = new Date(Date.now() + paymentTimeoutSeconds * 1000);
  const awaiting = await changeOrderStatus(trx, order, 'AWAITING_PAYMENT', { actor: SYSTEM_ACTOR, patch: { paymentDueAt } });
  await recordEvent(trx, OrderStream, order.id, 'orderAwaitingPayment', {
    orderId: order.id,
    customerId: order.customerId,
    total: eventTotal(order),
    paymentDueAt: paymentDueAt.toISOString(),
  });
  if (order.paymentId) await markPaid(trx, awaiting, order.paymentId);
}

export async function markPaid(trx: Knex.Transaction, order: Order, paymentId: string): Promise<void> {
  const paid = await changeOrderStatus(trx, order, 'PAID', { actor: SYSTEM_ACTOR, patch: { paymentId } });
  await recordEvent(trx, OrderStream, paid.id, 'orderPaid', {
    orderId: paid.id,
    customerId: paid.customerId,
    paymentId,
    total: eventTotal(paid),
    lines: eventLines(paid),
    discount: eventMoney(paid.discountCents, paid.currency),
    promotionCode: paid.promotionCode ?? '',
  });
}
