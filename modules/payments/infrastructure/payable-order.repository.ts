import type { Knex } from 'knex';
import { insertOrLock } from '../../../src/db/database';
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
 * The order's row, created on the first event seen for it (events of other topics may come first) and locked
 * for the caller's transaction; `created` when this call made it.
 */
export async function ensureAndLockPayableOrder(
  trx: Knex.Transaction,
  order: { orderId: string; customerId: string; status: PayableOrderStatus },
): Promise<{ order: PayableOrderModel; created: boolean }> {
  const { row, created } = await insertOrLock(trx, 'payable_orders', 'order_id', { order_id: order.orderId, customer_id: order.customerId, status: order.status });
  return { order: PayableOrderModel.fromDatabaseJson(row), created };
}

export async function updatePayableOrder(trx: Knex.Transaction, orderId: string, change: PayableOrderChange): Promise<PayableOrderModel> {
  return PayableOrderModel.query(trx).patch(change).findById(orderId).returning('*').throwIfNotFound();
}
