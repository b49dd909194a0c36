import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { amountOf, type Payment, type Refund } from '../domain/payment';
import { refundableCents } from '../domain/refund-amount';
import { insertRefund, refundsOfPayment } from '../infrastructure/refund.repository';

/**
 * Owes back what is left of a captured payment (its amount less what was refunded or is being refunded),
 * recorded as a PENDING refund in the caller's transaction; the worker asks the provider afterwards.
 * The payment must be locked by the caller.
 */
export async function refundRemainder(trx: Knex.Transaction, payment: Payment, reason: string): Promise<Refund | undefined> {
  const refunds = await refundsOfPayment(trx, payment.id);
  const captured = amountOf(payment);
  const amountCents = refundableCents(captured.amountCents, refunds.map((r) => r.amountCents));
  if (amountCents === 0) return undefined;
  return insertRefund(trx, { id: randomUUID(), paymentId: payment.id, amountCents, currency: captured.currency, status: 'PENDING', reason });
}
