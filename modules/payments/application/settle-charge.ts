import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { PaymentStream } from '../../../proto/streams';
import { recordEvent } from '../../../src/messaging/outbox';
import { amountOf, type Payment } from '../domain/payment';
import { statusAfterCharge } from '../domain/payment-status';
import { lockPayableOrder } from '../infrastructure/payable-order.repository';
import { findPayment, lockPayment, updatePayment } from '../infrastructure/payment.repository';
import { insertRefund } from '../infrastructure/refund.repository';
import type { ChargeResult } from './payment-provider.port';
import type { PaymentsDependencies } from './payments-dependencies';
import { processRefund } from './process-refund';

/**
 * Besides the provider's answer: it confirmed it never made the charge after it timed out, or it refused the
 * card token of a held payment (which, unlike a direct one, can no longer be answered with a 422).
 */
export type ChargeOutcome = ChargeResult | { status: 'timed_out' } | { status: 'invalid_payment_method' };

export interface SettledCharge {
  payment: Payment;
  /** A refund owed because the money arrived for an order that had meanwhile closed. */
  owedRefundId?: string;
}

/**
 * Records the provider's answer to a processing payment and its event, once: whoever settles first wins,
 * later answers for the same payment change nothing.
 */
export async function settleCharge(db: Knex, paymentId: string, outcome: ChargeOutcome): Promise<SettledCharge> {
  const found = await findPayment(db, paymentId);
  if (!found) throw new Error(`payment ${paymentId} to settle does not exist`);
  const { orderId } = found;
  return db.transaction(async (trx) => {
    // Order row first, as everywhere: payment events of one order commit in the order they were decided.
    const order = await lockPayableOrder(trx, orderId);
    const payment = await lockPayment(trx, paymentId);
    if (!order || !payment) throw new Error(`payment ${paymentId} or its order vanished while settling`);
    if (payment.status !== 'PROCESSING') return { payment };

    const now = new Date();
    const charged = amountOf(payment);
    const amount = { amountMinor: charged.amountCents, currency: charged.currency };
    if (outcome.status === 'succeeded') {
      const settled = await updatePayment(trx, paymentId, {
        status: statusAfterCharge(payment.status, 'succeeded'),
        cardBrand: outcome.card.brand,
        cardLast4: outcome.card.last4,
        providerReference: outcome.providerReference,
        settledAt: now,
        updatedAt: now,
      });
      await recordEvent(trx, PaymentStream, orderId, 'paymentSucceeded', {
        paymentId,
        orderId,
        customerId: payment.customerId,
        amount,
        card: outcome.card,
      });
      if (order.status !== 'CLOSED') return { payment: settled };
      const refund = await insertRefund(trx, {
        id: randomUUID(),
        paymentId,
        amountCents: amount.amountMinor,
        currency: amount.currency,
        status: 'PENDING',
        reason: 'order_closed',
      });
      return { payment: settled, owedRefundId: refund.id };
    }

    const declineCode = outcome.status === 'declined' ? outcome.declineCode : outcome.status === 'timed_out' ? 'processor_timeout' : 'invalid_payment_method';
    const reason = outcome.status === 'declined' ? (outcome.reason ?? outcome.declineCode) : declineCode;
    const settled = await updatePayment(trx, paymentId, {
      status: statusAfterCharge(payment.status, outcome.status === 'invalid_payment_method' ? 'declined' : outcome.status),
      cardBrand: outcome.status === 'declined' ? outcome.card.brand : null,
      cardLast4: outcome.status === 'declined' ? outcome.card.last4 : null,
      providerReference: outcome.status === 'declined' ? outcome.providerReference : null,
      declineCode,
      failureReason: reason,
      settledAt: now,
      updatedAt: now,
    });
    await recordEvent(trx, PaymentStream, orderId, 'paymentFailed', {
      paymentId,
      orderId,
      customerId: payment.customerId,
      amount,
      declineCode,
      reason,
    });
    return { payment: settled };
  });
}

/** Settles a charge and, when the money arrived for an order that has closed meanwhile, gives it straight back. */
export async function settleChargeAndRefundIfOwed(deps: PaymentsDependencies, paymentId: string, outcome: ChargeOutcome): Promise<Payment> {
  const { payment, owedRefundId } = await settleCharge(deps.db, paymentId, outcome);
  if (owedRefundId) await processRefund(deps, owedRefundId);
  return payment;
}
