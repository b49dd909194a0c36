import type { Knex } from 'knex';
import { requiredEventUuid } from '../../../src/messaging/event-fields';
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
  const orderId = requiredEventUuid(change.orderId, 'the order id');
  const customerId = requiredEventUuid(change.customerId, 'the customer id');
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
