import type { Knex } from 'knex';
import { OrderStream } from '../../../proto/streams';
import { recordEvent } from '../../../src/messaging/outbox';
import { SYSTEM_ACTOR, type Order } from '../domain/order';
import { decidePaymentAcceptance, type SucceededPayment } from '../domain/payment-acceptance';
import { lockOrder, patchOrder, recordUnappliedEvent } from '../infrastructure/order.repository';
import { markPaid } from './await-payment';
import { changeOrderStatus } from './change-order-status';
import type { SourceEvent } from './event-source';
import { eventLines } from './order-event-payloads';
import { refundUnacceptedPayment } from './refund-unaccepted-payment';

/**
 * A payment succeeded for an order; what happens to it is decidePaymentAcceptance's (domain/payment-acceptance.ts).
 * A payment for an order that has ended is refunded, a wrong amount cancels the order with a refund, and a
 * payment that arrives before the stock is reserved is held until the reservation settles.
 */
export async function acceptPayment(trx: Knex.Transaction, orderId: string, source: SourceEvent, payment: SucceededPayment): Promise<void> {
  const order = await lockOrder(trx, orderId);
  const note = (action: string) =>
    recordUnappliedEvent(trx, { orderId, eventId: source.eventId, eventType: source.eventType, orderStatus: order?.status ?? null, action });
  const decision = decidePaymentAcceptance(order, payment);
  switch (decision.action) {
    case 'ignore':
      return note(`ignored: ${decision.why}`);
    case 'refund':
      return refundUnacceptedPayment(trx, order!, payment.paymentId, source, decision.why);
    case 'manual refund':
      // PaymentNotAccepted would refund exactly this payment, but payments refuses to charge a paid order,
      // so a duplicate means something unexpected: an operator looks at it.
      return note(`MANUAL REFUND REQUIRED: ${decision.why}`);
    case 'cancel for wrong amount':
      return cancelForWrongAmount(trx, order!, payment.paymentId, decision.why);
    case 'mark paid':
      return markPaid(trx, order!, payment.paymentId);
    case 'hold':
      await patchOrder(trx, order!.id, { paymentId: payment.paymentId });
      return note('held: applied once stock is reserved, refunded if it is not');
  }
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
