import type { Knex } from 'knex';
import { invalid } from '../../../src/errors/domain-error';
import { isUuid } from '../../../src/validation/uuid';
import { advanceOrderStatus, type PayableOrderStatus } from '../domain/payable-order-status';
import { PayableOrderModel } from '../infrastructure/payable-order.model';

/** Ids as an event carries them: a protobuf string field may be empty. */
export interface OrderChange {
  orderId: string | null | undefined;
  customerId: string | null | undefined;
  status: PayableOrderStatus;
  total?: { amountMinor: number; currency: string } | null;
  paymentDueAt?: string | null;
}

/**
 * Moves this module's view of an order forward (never back) and returns it locked for the caller's transaction.
 * The amount to charge is taken only while the order is not yet paid or closed.
 */
export async function trackOrder(trx: Knex.Transaction, change: OrderChange): Promise<PayableOrderModel> {
  const { orderId, customerId } = change;
  if (!isUuid(orderId) || !isUuid(customerId)) {
    throw invalid('PAYMENT.MALFORMED_ORDER_EVENT', 'An order event without a valid order id and customer id cannot be tracked');
  }
  await trx('payable_orders').insert({ order_id: orderId, customer_id: customerId, status: change.status }).onConflict('order_id').ignore();
  const order = await PayableOrderModel.query(trx).findById(orderId).forUpdate().throwIfNotFound();
  const status = advanceOrderStatus(order.status, change.status);
  const takesAmount = change.total && (status === 'PENDING' || status === 'PAYABLE');
  const dueAt = change.paymentDueAt ? new Date(change.paymentDueAt) : undefined;
  return order.$query(trx).patchAndFetch({
    status,
    ...(takesAmount ? { amountCents: change.total!.amountMinor, currency: change.total!.currency } : {}),
    ...(dueAt && !Number.isNaN(dueAt.getTime()) ? { paymentDueAt: dueAt } : {}),
    updatedAt: new Date(),
  });
}
