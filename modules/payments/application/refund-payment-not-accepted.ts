import type { Knex } from 'knex';
import type { Logger } from '../../../src/logging/logger';
import { isRefundable } from '../domain/payment-status';
import type { Refund } from '../domain/payment';
import { lockPayment } from '../infrastructure/payment.repository';
import { refundRemainder } from './refund-remainder';

export interface PaymentNotAccepted {
  orderId: string;
  paymentId: string;
}

/** Orders could not take a payment (its order had ended): exactly that payment is refunded, whatever else the order holds. */
export async function refundPaymentNotAccepted(
  trx: Knex.Transaction,
  logger: Logger,
  refused: PaymentNotAccepted,
): Promise<Refund | undefined> {
  const { orderId, paymentId } = refused;
  const payment = await lockPayment(trx, paymentId);
  if (!payment || payment.orderId !== orderId || !isRefundable(payment.status)) {
    logger.warn({ orderId, paymentId, status: payment?.status }, 'orders refused a payment that is not captured here; nothing to refund');
    return undefined;
  }
  return refundRemainder(trx, payment, 'payment_not_accepted');
}
