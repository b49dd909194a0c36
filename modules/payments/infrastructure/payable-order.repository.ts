import type { Knex } from 'knex';
import type { PayableOrderStatus } from '../domain/payable-order-status';
import { PayableOrderModel } from './payable-order.model';

type PayableOrderChange = Partial<Pick<PayableOrderModel, 'status' | 'amountCents' | 'currency' | 'paymentDueAt' | 'updatedAt'>>;

/** The order row is the lock every payment decision of one order takes first, so its events commit in decision order. */
export async function lockPayableOrder(trx: Knex.Transaction, orderId: string): Promise<PayableOrderModel | undefined> {
  return PayableOrderModel.query(trx).findById(orderId).forUpdate();
}

/** Creates the read model's row on the first event seen for the order (events of other topics may come first). */
export async function ensurePayableOrder(
  trx: Knex.Transaction,
  order: { orderId: string; customerId: string; status: PayableOrderStatus },
): Promise<void> {
  await trx('payable_orders')
    .insert({ order_id: order.orderId, customer_id: order.customerId, status: order.status })
    .onConflict('order_id')
    .ignore();
}

export async function updatePayableOrder(trx: Knex.Transaction, orderId: string, change: PayableOrderChange): Promise<PayableOrderModel> {
  return PayableOrderModel.query(trx).patchAndFetchById(orderId, change);
}
