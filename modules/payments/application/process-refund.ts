import { PaymentStream } from '../../../proto/streams';
import { recordEvent } from '../../../src/messaging/outbox';
import { amountOf, type Refund } from '../domain/payment';
import { statusAfterRefund } from '../domain/payment-status';
import { lockPayableOrder } from '../infrastructure/payable-order.repository';
import { findPayment, lockPayment, updatePayment } from '../infrastructure/payment.repository';
import { completeRefund, findRefund, lockRefund } from '../infrastructure/refund.repository';
import type { PaymentsDependencies } from './payments-dependencies';

/**
 * Gives a pending refund's money back through the provider, then records it and PaymentRefunded in one
 * transaction. The provider call happens outside any transaction and is keyed by the refund id, so running
 * this twice for one refund (a retry, two workers) gives the money back once.
 */
export async function processRefund(deps: PaymentsDependencies, refundId: string): Promise<Refund> {
  const refund = await findRefund(deps.db, refundId);
  if (!refund) throw new Error(`refund ${refundId} does not exist`);
  if (refund.status !== 'PENDING') return refund;
  const payment = await findPayment(deps.db, refund.paymentId);
  if (!payment) throw new Error(`payment ${refund.paymentId} of refund ${refundId} does not exist`);
  let providerReference: string;
  try {
    ({ providerReference } = await deps.provider.refund({
      providerReference: payment.providerReference!,
      amountCents: refund.amountCents,
      currency: refund.currency,
      idempotencyKey: refund.id,
    }));
  } catch (error) {
    deps.logger.warn({ err: error, refundId, paymentId: payment.id }, 'refund not completed by the provider; it stays pending for a retry');
    return refund;
  }
  return recordRefundCompleted(deps, { refundId, paymentId: payment.id, orderId: payment.orderId }, providerReference);
}

function recordRefundCompleted(
  { db }: PaymentsDependencies,
  ids: { refundId: string; paymentId: string; orderId: string },
  providerReference: string,
): Promise<Refund> {
  return db.transaction(async (trx) => {
    await lockPayableOrder(trx, ids.orderId);
    const payment = await lockPayment(trx, ids.paymentId);
    const refund = await lockRefund(trx, ids.refundId);
    if (!payment || !refund) throw new Error(`refund ${ids.refundId} or its payment vanished`);
    if (refund.status !== 'PENDING') return refund;

    const now = new Date();
    const refundedCents = payment.refundedCents + refund.amountCents;
    await updatePayment(trx, payment.id, {
      refundedCents,
      status: statusAfterRefund(payment.status, amountOf(payment).amountCents, refundedCents),
      updatedAt: now,
    });
    const completed = await completeRefund(trx, refund.id, providerReference, now);
    await recordEvent(trx, PaymentStream, ids.orderId, 'paymentRefunded', {
      paymentId: payment.id,
      refundId: refund.id,
      orderId: ids.orderId,
      customerId: payment.customerId,
      amount: { amountMinor: refund.amountCents, currency: refund.currency },
      totalRefunded: { amountMinor: refundedCents, currency: payment.currency },
      reason: refund.reason,
      returnId: refund.returnId ?? '',
    });
    return completed;
  });
}
