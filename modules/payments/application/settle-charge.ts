import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { PaymentStream, type EventCase, type mart } from '../../../proto/streams';
import { recordEvents, type EventToRecord } from '../../../src/messaging/outbox';
import { amountOf, type Payment } from '../domain/payment';
import { statusAfterCharge } from '../domain/payment-status';
import { lockPayableOrdersOfPayments } from '../infrastructure/payable-order.repository';
import { lockPayments, saveSettledPayments } from '../infrastructure/payment.repository';
import { insertRefunds } from '../infrastructure/refund.repository';
import type { ChargeResult } from './payment-provider.port';
import type { PaymentsDependencies } from './payments-dependencies';
import { processRefund } from './process-refund';

type PaymentEvent = mart.payments.v1.PaymentEvent;

/**
 * Besides the provider's answer: it confirmed it never made the charge after it timed out, or it refused the
 * card token of a held payment (which, unlike a direct one, can no longer be answered with a 422).
 */
export type ChargeOutcome = ChargeResult | { status: 'timed_out' } | { status: 'invalid_payment_method' };

export interface ChargeAnswered {
  paymentId: string;
  outcome: ChargeOutcome;
}

export interface SettledCharge {
  payment: Payment;
  /** A refund owed because the money arrived for an order that had meanwhile closed. */
  owedRefundId?: string;
}

/**
 * Records the provider's answers to processing payments and their events, once each: whoever settles first wins,
 * later answers for the same payment change nothing. One transaction for any number of answers: the orders locked
 * first (as everywhere: payment events of one order commit in the order they were decided), then the payments, the
 * outcomes written in one statement, the events in one insert, any refunds owed in one more.
 */
export async function settleCharges(db: Knex, answers: readonly ChargeAnswered[]): Promise<Map<string, SettledCharge>> {
  const ids = answers.map((a) => a.paymentId);
  return db.transaction(async (trx) => {
    const orders = await lockPayableOrdersOfPayments(trx, ids);
    const payments = await lockPayments(trx, ids);
    const settled = new Map<string, SettledCharge>();
    const changed: Payment[] = [];
    const events: Array<EventToRecord<PaymentEvent, EventCase<PaymentEvent>>> = [];
    const refunds: Parameters<typeof insertRefunds>[1][number][] = [];
    const now = new Date();
    for (const { paymentId, outcome } of answers) {
      const payment = payments.get(paymentId);
      const order = payment && orders.get(payment.orderId);
      if (!payment || !order) throw new Error(`payment ${paymentId} or its order vanished while settling`);
      if (payment.status !== 'PROCESSING') {
        settled.set(paymentId, { payment });
        continue;
      }
      const { next, event } = settle(payment, outcome, now);
      // A second answer for the payment in this batch finds it settled, as a later transaction would.
      payments.set(paymentId, next);
      changed.push(next);
      events.push({ aggregateId: payment.orderId, ...event } as EventToRecord<PaymentEvent, EventCase<PaymentEvent>>);
      if (outcome.status !== 'succeeded' || order.status !== 'CLOSED') {
        settled.set(paymentId, { payment: next });
        continue;
      }
      const refund = { id: randomUUID(), paymentId, amountCents: next.amountCents!, currency: next.currency!, status: 'PENDING' as const, reason: 'order_closed' };
      refunds.push(refund);
      settled.set(paymentId, { payment: next, owedRefundId: refund.id });
    }
    await saveSettledPayments(trx, changed);
    await insertRefunds(trx, refunds);
    await recordEvents(trx, PaymentStream, events);
    return settled;
  });
}

/** The payment as the answer leaves it, and the event announcing it. */
function settle(payment: Payment, outcome: ChargeOutcome, now: Date): { next: Payment; event: { event: EventCase<PaymentEvent>; payload: object } } {
  const charged = amountOf(payment);
  const amount = { amountMinor: charged.amountCents, currency: charged.currency };
  const common = { paymentId: payment.id, orderId: payment.orderId, customerId: payment.customerId, amount };
  if (outcome.status === 'succeeded') {
    const next = {
      ...payment,
      status: statusAfterCharge(payment.status, 'succeeded'),
      cardBrand: outcome.card.brand,
      cardLast4: outcome.card.last4,
      providerReference: outcome.providerReference,
      settledAt: now,
      updatedAt: now,
    };
    return { next, event: { event: 'paymentSucceeded', payload: { ...common, card: outcome.card } } };
  }
  const declineCode = outcome.status === 'declined' ? outcome.declineCode : outcome.status === 'timed_out' ? 'processor_timeout' : 'invalid_payment_method';
  const reason = outcome.status === 'declined' ? (outcome.reason ?? outcome.declineCode) : declineCode;
  const next = {
    ...payment,
    status: statusAfterCharge(payment.status, outcome.status === 'invalid_payment_method' ? 'declined' : outcome.status),
    cardBrand: outcome.status === 'declined' ? outcome.card.brand : null,
    cardLast4: outcome.status === 'declined' ? outcome.card.last4 : null,
    providerReference: outcome.status === 'declined' ? outcome.providerReference : null,
    declineCode,
    failureReason: reason,
    settledAt: now,
    updatedAt: now,
  };
  return { next, event: { event: 'paymentFailed', payload: { ...common, declineCode, reason } } };
}

/** Settles charges and, where the money arrived for an order that has closed meanwhile, gives it straight back. */
export async function settleChargesAndRefundIfOwed(deps: PaymentsDependencies, answers: readonly ChargeAnswered[]): Promise<Map<string, Payment>> {
  const settled = await settleCharges(deps.db, answers);
  for (const { owedRefundId } of settled.values()) if (owedRefundId) await processRefund(deps, owedRefundId);
  return new Map([...settled].map(([id, { payment }]) => [id, payment]));
}

export async function settleChargeAndRefundIfOwed(deps: PaymentsDependencies, paymentId: string, outcome: ChargeOutcome): Promise<Payment> {
  return (await settleChargesAndRefundIfOwed(deps, [{ paymentId, outcome }])).get(paymentId)!;
}
