import type { Knex } from 'knex';
import { runInContext } from '../../../src/context/request-context';
import type { EventCause } from '../../../src/messaging/event-cause';
import type { KeyedRefusal } from '../../../src/messaging/refuse-by-key';
import { SYSTEM_ACTOR, type Order } from '../domain/order';
import { toCancelled, toPaid } from '../domain/order-transitions';
import { decidePaymentAcceptance, type SucceededPayment } from '../domain/payment-acceptance';
import type { SourceEvent } from './event-source';
import { OrderChanges } from './order-changes';
import { refundUnacceptedPayment } from './refund-unaccepted-payment';
import { saveTransition } from './save-transition';

export interface PaymentForOrder {
  orderId: string;
  source: SourceEvent;
  cause: EventCause;
  payment: SucceededPayment;
}

/**
 * Payments succeeded for these orders; what happens to each is decidePaymentAcceptance's (domain/payment-acceptance.ts).
 * A payment for an order that has ended is refunded, a wrong amount cancels the order with a refund, and a
 * payment that arrives before the stock is reserved is held until the reservation settles. The common outcomes
 * (paid, held, ignored) are written together; a refund or cancellation, rare, is made one order at a time.
 * Returns the payments that were not applied, with why.
 */
export async function acceptPayments(trx: Knex.Transaction, payments: readonly PaymentForOrder[]): Promise<KeyedRefusal[]> {
  const changes = await OrderChanges.lock(trx, payments.map((p) => p.orderId));
  const notApplied: KeyedRefusal[] = [];
  const now = new Date();
  for (const { orderId, source, cause, payment } of payments) {
    const order = changes.order(orderId);
    const note = (action: string) => {
      changes.note({ orderId, eventId: source.eventId, eventType: source.eventType, orderStatus: order?.status ?? null, action });
      notApplied.push({ key: orderId, why: action });
    };
    const decision = decidePaymentAcceptance(order, payment);
    switch (decision.action) {
      case 'ignore':
        note(`ignored: ${decision.why}`);
        break;
      case 'refund':
        await runInContext(cause, () => refundUnacceptedPayment(trx, order!, payment.paymentId, source, decision.why));
        notApplied.push({ key: orderId, why: `refunded: ${decision.why}` });
        break;
      case 'manual refund':
        // PaymentNotAccepted would refund exactly this payment, but payments refuses to charge a paid order,
        // so a duplicate means something unexpected: an operator looks at it.
        note(`MANUAL REFUND REQUIRED: ${decision.why}`);
        break;
      case 'cancel for wrong amount':
        await runInContext(cause, () => cancelForWrongAmount(trx, order!, payment.paymentId, decision.why, now));
        notApplied.push({ key: orderId, why: `cancelled: ${decision.why}` });
        break;
      case 'mark paid':
        changes.apply(cause, toPaid(order!, payment.paymentId, now));
        break;
      case 'hold':
        changes.patch(order!, { paymentId: payment.paymentId });
        note('held: applied once stock is reserved, refunded if it is not');
        break;
    }
  }
  await changes.save(trx);
  return notApplied.filter(({ why }) => !why.startsWith('held'));
}

async function cancelForWrongAmount(trx: Knex.Transaction, order: Order, paymentId: string, why: string, now: Date): Promise<void> {
  await saveTransition(trx, toCancelled(order, { actor: SYSTEM_ACTOR, reason: `Payment amount mismatch: ${why}`, paymentId }, now));
}
