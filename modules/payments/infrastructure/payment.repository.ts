import type { Knex } from 'knex';
import type { PaymentPosition } from '../domain/payment-cursor';
import { PaymentModel } from './payment.model';

type Db = Knex | Knex.Transaction;
type NewPayment = Pick<
  PaymentModel,
  'id' | 'orderId' | 'customerId' | 'requestedBy' | 'idempotencyKey' | 'requestFingerprint' | 'status' | 'amountCents' | 'currency'
>;
type PaymentChange = Partial<Omit<PaymentModel, 'id' | 'orderId' | 'customerId' | 'refunds'>>;

function paymentsWithRefunds(db: Db) {
  return PaymentModel.query(db)
    .withGraphFetched('refunds(oldestFirst)')
    .modifiers({ oldestFirst: (q) => q.orderBy([{ column: 'created_at' }, { column: 'id' }]) });
}

export async function findPayment(db: Db, paymentId: string): Promise<PaymentModel | undefined> {
  return PaymentModel.query(db).findById(paymentId);
}

export async function findPaymentWithRefunds(db: Db, paymentId: string): Promise<PaymentModel | undefined> {
  return paymentsWithRefunds(db).findById(paymentId);
}

/** Newest first; `customerId` limits the page to one customer's payments. */
export async function listPayments(
  db: Db,
  filter: { customerId?: string; orderId?: string },
  after: PaymentPosition | undefined,
  limit: number,
): Promise<PaymentModel[]> {
  const query = paymentsWithRefunds(db)
    .orderBy([
      { column: 'created_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .limit(limit);
  if (filter.customerId) query.where('customer_id', filter.customerId);
  if (filter.orderId) query.where('order_id', filter.orderId);
  if (after) query.whereRaw('(created_at, id) < (?, ?)', [after.createdAt, after.id]);
  return query;
}

export async function findPaymentByKey(db: Db, requestedBy: string, idempotencyKey: string): Promise<PaymentModel | undefined> {
  return PaymentModel.query(db).findOne({ requested_by: requestedBy, idempotency_key: idempotencyKey });
}

/** The order's payment that is processing or succeeded, if any (failed attempts do not count). */
export async function findLivePayment(trx: Knex.Transaction, orderId: string): Promise<PaymentModel | undefined> {
  return PaymentModel.query(trx).findOne({ order_id: orderId }).whereNot('status', 'FAILED');
}

export async function insertPayment(trx: Knex.Transaction, payment: NewPayment): Promise<PaymentModel> {
  return PaymentModel.query(trx).insertAndFetch(payment);
}

/** Removes an attempt that charged nothing and published nothing, as long as it is still processing. */
export async function deleteUnchargedAttempt(db: Db, paymentId: string): Promise<void> {
  await PaymentModel.query(db).delete().where({ id: paymentId, status: 'PROCESSING' });
}

export async function lockPayment(trx: Knex.Transaction, paymentId: string): Promise<PaymentModel | undefined> {
  return PaymentModel.query(trx).findById(paymentId).forUpdate();
}

export async function lockPaymentsOfOrder(trx: Knex.Transaction, orderId: string): Promise<PaymentModel[]> {
  return PaymentModel.query(trx).where('order_id', orderId).forUpdate();
}

export async function updatePayment(trx: Knex.Transaction, paymentId: string, change: PaymentChange): Promise<PaymentModel> {
  return PaymentModel.query(trx).patchAndFetchById(paymentId, change);
}

/** Payments still processing after `before`: their request timed out or its process died mid-charge. */
export async function findStaleProcessingPayments(db: Db, before: Date, limit: number): Promise<PaymentModel[]> {
  return PaymentModel.query(db).where('status', 'PROCESSING').where('created_at', '<', before).orderBy('created_at').limit(limit);
}
