import type { Knex } from 'knex';
import { advisoryLockStatement, inOneRoundTrip } from '../../../src/db/one-round-trip';
import type { PaymentPosition } from '../domain/payment-cursor';
import { isCaptured, isHeld, PAYMENT_STATUSES } from '../domain/payment-status';
import { PaymentModel } from './payment.model';

type Db = Knex | Knex.Transaction;
type NewPayment = Pick<
  PaymentModel,
  | 'id'
  | 'orderId'
  | 'customerId'
  | 'requestedBy'
  | 'requestedByAdmin'
  | 'idempotencyKey'
  | 'requestFingerprint'
  | 'status'
  | 'amountCents'
  | 'currency'
  | 'paymentMethodToken'
>;
type PaymentChange = Partial<Omit<PaymentModel, 'id' | 'orderId' | 'refunds'>>;

const HELD = PAYMENT_STATUSES.filter(isHeld);
/** A charge in flight or captured: what the one-live-charge-per-order index covers. */
const LIVE = PAYMENT_STATUSES.filter((status) => status === 'PROCESSING' || isCaptured(status));

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

/** The order's payment that is processing or captured, if any (failed, held and cancelled ones do not count). */
export async function findLivePayment(trx: Knex.Transaction, orderId: string): Promise<PaymentModel | undefined> {
  return PaymentModel.query(trx).findOne({ order_id: orderId }).whereIn('status', LIVE);
}

/**
 * The payments held for an order that are the order's own, oldest first: those already matched to it (PENDING)
 * and those asked for by its customer or an admin. Anyone else's request for the order is never matched.
 */
export async function lockHeldPayments(trx: Knex.Transaction, order: { orderId: string; customerId: string }): Promise<PaymentModel[]> {
  return PaymentModel.query(trx)
    .where('order_id', order.orderId)
    .whereIn('status', HELD)
    .where((q) => q.where('status', 'PENDING').orWhere('requested_by', order.customerId).orWhere('requested_by_admin', true))
    .orderBy([{ column: 'created_at' }, { column: 'id' }])
    .forUpdate();
}

/** Orders with a held payment that should have been decided by now (its order's event was handled, the process died). */
export async function findOrdersWithUndecidedHolds(db: Db, limit: number): Promise<string[]> {
  const rows: Array<{ order_id: string }> = await db('payments as p')
    .distinct('p.order_id')
    .join('payable_orders as o', 'o.order_id', 'p.order_id')
    .where((q) =>
      q
        .where((pending) => pending.where('p.status', 'PENDING').whereNot('o.status', 'PENDING'))
        .orWhere((requiring) =>
          requiring
            .where('p.status', 'REQUIRES_ORDER')
            .where((own) => own.whereRaw('p.requested_by = o.customer_id').orWhere('p.requested_by_admin', true)),
        ),
    )
    .limit(limit);
  return rows.map((row) => row.order_id);
}

/** Ends payments whose order never appeared as the requester's within the hold; returns how many. */
export async function expireHoldsRequiringOrder(db: Db, heldBefore: Date): Promise<number> {
  const now = new Date();
  return PaymentModel.query(db)
    .patch({ status: 'CANCELLED', cancellationReason: 'order_not_found', paymentMethodToken: null, settledAt: now, updatedAt: now })
    .where('status', 'REQUIRES_ORDER')
    .where('created_at', '<', heldBefore);
}

/**
 * Takes the user's lock on holding payments (to the end of the transaction: their holds are counted one at a time)
 * and counts the payments they hold for orders not known as theirs.
 */
export async function lockAndCountHeldPayments(trx: Knex.Transaction, userId: string): Promise<number> {
  const count = trx('payments').where({ requested_by: userId, status: 'REQUIRES_ORDER' }).count({ n: '*' }).toQuery();
  const [, counted] = await inOneRoundTrip(trx, [advisoryLockStatement(trx, `payments.holds:${userId}`), count]);
  return Number((counted.rows[0] as { n: number }).n);
}

export async function insertPayment(trx: Knex.Transaction, payment: NewPayment): Promise<PaymentModel> {
  return PaymentModel.query(trx).insert(payment).returning('*');
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
  return PaymentModel.query(trx).patch(change).findById(paymentId).returning('*').throwIfNotFound();
}

/**
 * Payments processing since before `before`: their request timed out or its process died mid-charge. A held
 * payment starts processing long after it was created, so the clock is the last change, not the creation.
 */
export async function findStaleProcessingPayments(db: Db, before: Date, limit: number): Promise<PaymentModel[]> {
  return PaymentModel.query(db).where('status', 'PROCESSING').where('updated_at', '<', before).orderBy('updated_at').limit(limit);
}
