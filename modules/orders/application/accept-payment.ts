import type { Knex } from 'knex';
import { OrderStream } from '../../../proto/streams';
import { recordEvent } from '../../../src/messaging/outbox';
import type { Money } from '../domain/money';
import { SYSTEM_ACTOR, type Order } from '../domain/order';
import { isTerminal } from '../domain/order-status';
import { lockOrder, patchOrder, recordUnappliedEvent } from '../infrastructure/order.repository';
import { markPaid } from './await-payment';
import { changeOrderStatus } from './change-order-status';
import type { SourceEvent } from './event-source';
import { eventLines } from './order-event-payloads';
import { refundUnacceptedPayment } from './refund-unaccepted-payment';

export interface SucceededPayment {
  paymentId: string;
  amount: Money;
}

/**
 * A payment succeeded for an order. An order awaiting payment becomes PAID. A pending order (stock not yet
 * reserved) holds the payment until the reservation settles. A payment for an order that has ended is
 * refunded; a payment of the wrong amount cancels the order with a refund.
 */
export async function acceptPayment(trx: Knex.Transaction, orderId: string, source: SourceEvent, payment: SucceededPayment): Promise<void> {
  const order = await lockOrder(trx, orderId);
  const note = (action: string) =>
    recordUnappliedEvent(trx, { orderId, eventId: source.eventId, eventType: source.eventType, orderStatus: order?.status ?? null, action });
  if (!order) return note('ignored: unknown order');
  if (order.paymentId === payment.paymentId) return note('ignored: payment already applied');

  if (isTerminal(order.status) && order.status !== 'DELIVERED') {
    return refundUnacceptedPayment(trx, order, payment.paymentId, source, `the order is ${order.status}`);
  }
  if (order.paymentId !== null || order.status === 'DELIVERED') {
    // A second payment of a paid order. OrderCancelled would also cancel the first payment's order and
    // return its stock, so this one is left to an operator (payments refuses to charge a paid order).
    return note(`MANUAL REFUND REQUIRED: payment ${payment.paymentId} duplicates payment ${order.paymentId}`);
  }
  if (payment.amount.amountMinor !== order.totalCents || payment.amount.currency !== order.currency) {
    const charged = `${payment.amount.amountMinor} ${payment.amount.currency}`;
    return cancelForWrongAmount(trx, order, payment.paymentId, `charged ${charged} for a total of ${order.totalCents} ${order.currency}`);
  }
  if (order.status === 'AWAITING_PAYMENT') return markPaid(trx, order, payment.paymentId);
  await patchOrder(trx, order.id, { paymentId: payment.paymentId });
  return note('held: applied once stock is reserved, refunded if it is not');
}

async function cancelForWrongAmount(trx: Knex.Transaction, order: Order, paymentId: string, why: string): Promise<void> {
  const reason = `Payment amount mismatch: ${why}`;
  await changeOrderStatus(trx, order, 'CANCELLED', { actor: SYSTEM_ACTOR, reason, patch: { paymentId } });
  await recordEvent(trx, OrderStream, order.id, 'orderCancelled', {
    orderId: order.id,
    customerId: order.customerId,
    previousStatus: order.status,
    reason,
    refundRequired: true,
    lines: eventLines(order),
    paymentId,
  });
}
