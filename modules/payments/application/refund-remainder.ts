import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { refundableCents } from '../domain/refund-amount';
import type { PaymentModel } from '../infrastructure/payment.model';
import { RefundModel } from '../infrastructure/refund.model';

/**
 * Owes back what is left of a captured payment (its amount less what was refunded or is being refunded),
 * recorded as a PENDING refund in the caller's transaction; the worker asks the provider afterwards.
 * The payment must be locked by the caller.
 */
export async function refundRemainder(trx: Knex.Transaction, payment: PaymentModel, reason: string): Promise<RefundModel | undefined> {
  const refunds = await RefundModel.query(trx).where('payment_id', payment.id);
  const amountCents = refundableCents(payment.amountCents, refunds.map((r) => r.amountCents));
  if (amountCents === 0) return undefined;
  return RefundModel.query(trx).insertAndFetch({
    id: randomUUID(),
    paymentId: payment.id,
    amountCents,
    currency: payment.currency,
    status: 'PENDING',
    reason,
  });
}
