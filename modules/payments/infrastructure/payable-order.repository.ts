import type { Knex } from 'knex';
import type { PayableOrderStatus } from '../domain/payable-order-status';
import { PayableOrderModel } from './payable-order.model';

type PayableOrderChange = Partial<Pick<PayableOrderModel, 'status' | 'amountCents' | 'currency' | 'paymentDueAt' | 'closedReason' | 'updatedAt'>>;

/** The order row is the lock every payment decision of one order takes first, so its events commit in decision order. */
export async function lockPayableOrder(trx: Knex.Transaction, orderId: string): Promise<PayableOrderModel | undefined> {
  return PayableOrderModel.query(trx).findById(orderId).forUpdate();
}

/**
 * Serialises the first sight of an order with payments held for it: a payment request that finds no order and
 * the event that creates the order's row take this lock, so the event's look for held payments sees the request's.
 */
export async function lockOrderIdentity(trx: Knex.Transaction, orderId: string): Promise<void> {
  await trx.raw('select pg_advisory_xact_lock(hashtextextended(?, 0))', [`payments.order:${orderId}`]);
}

/**
 * Creates the read model's row on the first event seen for the order (events of other topics may come first);
 * true when this call created it.
 */
export async function ensurePayableOrder(
  trx: Knex.Transaction,
  order: { orderId: string; customerId: string; status: PayableOrderStatus },
): Promise<boolean> {
  const created = await trx('payable_orders')
    .insert({ order_id: order.orderId, customer_id: order.customerId, status: order.status })
    .onConflict('order_id')
    .ignore()
    .returning('order_id');
  return created.length > 0;
}

export async function updatePayableOrder(trx: Knex.Transaction, orderId: string, change: PayableOrderChange): Promise<PayableOrderModel> {
  return PayableOrderModel.query(trx).patchAndFetchById(orderId, change);
}
