import type { Knex } from 'knex';
import { toRejected } from '../domain/order-transitions';
import type { SourceEvent } from './event-source';
import { lockOrderAwaitingStock } from './lock-order-awaiting-stock';
import { refundUnacceptedPayment } from './refund-unaccepted-payment';
import { saveTransition } from './save-transition';

/** Stock could not be reserved: the order is rejected with inventory's reason. */
export async function rejectOrder(trx: Knex.Transaction, orderId: string, source: SourceEvent, reason: string): Promise<void> {
  const order = await lockOrderAwaitingStock(trx, orderId, source);
  if (!order) return;
  const rejected = await saveTransition(trx, toRejected(order, reason, new Date()));
  if (order.paymentId) {
    await refundUnacceptedPayment(trx, rejected, order.paymentId, source, 'the order was rejected for lack of stock');
  }
}
