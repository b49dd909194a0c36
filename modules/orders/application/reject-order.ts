import type { Knex } from 'knex';
import { OrderStream } from '../../../proto/streams';
import { recordEvent } from '../../../src/messaging/outbox';
import { SYSTEM_ACTOR } from '../domain/order';
import { changeOrderStatus } from './change-order-status';
import type { SourceEvent } from './event-source';
import { lockOrderAwaitingStock } from './lock-order-awaiting-stock';
import { eventLines } from './order-event-payloads';
import { refundUnacceptedPayment } from './refund-unaccepted-payment';

/** Stock could not be reserved: the order is rejected with inventory's reason. */
export async function rejectOrder(trx: Knex.Transaction, orderId: string, source: SourceEvent, reason: string): Promise<void> {
  const order = await lockOrderAwaitingStock(trx, orderId, source);
  if (!order) return;
  const rejected = await changeOrderStatus(trx, order, 'REJECTED', { actor: SYSTEM_ACTOR, reason });
  await recordEvent(trx, OrderStream, order.id, 'orderRejected', {
    orderId: order.id,
    customerId: order.customerId,
    reason,
    lines: eventLines(order),
  });
  if (order.paymentId) {
    await refundUnacceptedPayment(trx, rejected, order.paymentId, source, 'the order was rejected for lack of stock');
  }
}
