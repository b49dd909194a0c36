import type { Knex } from 'knex';
import type { Principal } from '../../../src/auth/principal';
import { isUuid } from '../../../src/validation/uuid';
import type { Payment } from '../domain/payment';
import { PaymentErrors } from '../domain/payments.errors';
import { findPaymentWithRefunds } from '../infrastructure/payment.repository';

/** A payment with its refunds, for its customer or an admin; anyone else learns nothing, not even that it exists. */
export async function getPayment(db: Knex, caller: Principal, paymentId: string): Promise<Payment> {
  if (!isUuid(paymentId)) throw PaymentErrors.paymentNotFound();
  const payment = await findPaymentWithRefunds(db, paymentId);
  if (!payment || (caller.role !== 'admin' && payment.customerId !== caller.userId)) throw PaymentErrors.paymentNotFound();
  return payment;
}
