import type { Knex } from 'knex';
import type { Logger } from '../../../src/logging/logger';
import type { Refund } from '../domain/payment';
import { isRefundable } from '../domain/payment-status';
import { lockPaymentsOfOrder } from '../infrastructure/payment.repository';
import { refundRemainder } from './refund-remainder';
import { trackOrder, type OrderChange } from './track-order';

/**
 * An order that expired, was rejected or cancelled can no longer be paid, and money already captured for it
 * is owed back: in full, less whatever was refunded or is being refunded.
 */
export async function closeOrder(
  trx: Knex.Transaction,
  logger: Logger,
  closing: Pick<OrderChange, 'orderId' | 'customerId'> & { reason: string; refundExpected: boolean },
): Promise<Refund | undefined> {
  // A closed order's held payments all end uncharged: there is nothing to send to the provider.
  const { order } = await trackOrder(trx, {
    orderId: closing.orderId,
    customerId: closing.customerId,
    status: 'CLOSED',
    closedReason: closing.reason,
  });
  const { orderId } = order;
  const captured = await lockPaymentsOfOrder(trx, orderId);
  const payment = captured.find((p) => isRefundable(p.status));
  if (!payment) {
    if (closing.refundExpected && !captured.some((p) => p.status === 'REFUNDED' || p.status === 'PROCESSING')) {
      logger.warn({ orderId }, 'order cancelled with a refund required, but no captured payment is known');
    }
    return undefined;
  }
  return refundRemainder(trx, payment, closing.reason);
}
