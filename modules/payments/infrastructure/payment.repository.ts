import type { Knex } from 'knex';
import { updateFromUnnest } from '../../../src/db/update-from-unnest';
import { advisoryLockStatement, type StatementResult } from '../../../src/db/one-round-trip';
import type { NewestFirstPosition } from '../../../src/paging/keyset';
import { isCaptured, isHeld, PAYMENT_STATUSES } from '../domain/payment-status';
import type { HeldPayment, Payment } from '../domain/payment';
import { PaymentModel } from './payment.model';

type Db = Knex | Knex.Transaction;
type NewPayment = Pick<
  HeldPayment,
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
type PaymentChange = Partial<Omit<HeldPayment, 'id' | 'orderId' | 'refunds'>>;

const HELD = PAYMENT_STATUSES.filter(isHeld);
/** A charge in flight or captured: what the one-live-charge-per-order index covers. */
const LIVE = PAYMENT_STATUSES.filter((status) => status === 'PROCESSING' || isCaptured(status));

function paymentsWithRefunds(db: Db) {
  return PaymentModel.query(db)
    .withGraphFetched('refunds(oldestFirst)')
    .modifiers({ oldestFirst: (q) => q.orderBy([{ column: 'created_at' }, { column: 'id' }]) });
}

export async function findPayment(db: Db, paymentId: string): Promise<Payment | undefined> {
  return (await PaymentModel.query(db).findById(paymentId))?.toPayment();
}

export async function findPaymentWithRefunds(db: Db, paymentId: string): Promise<Payment | undefined> {
  return (await paymentsWithRefunds(db).findById(paymentId))?.toPayment();
}

/** Newest first; `customerId` limits the page to one customer's payments. */
export async function listPayments(
  db: Db,
  filter: { customerId?: string; orderId?: string },
  after: NewestFirstPosition | undefined,
  limit: number,
): Promise<Payment[]> {
  const query = paymentsWithRefunds(db)
    .orderBy([
      { column: 'created_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .limit(limit);
  if (filter.customerId) query.where('customer_id', filter.customerId);
  if (filter.orderId) query.where('order_id', filter.orderId);
  if (after) query.whereRaw('(created_at, id) < (?, ?)', after);
  return (await query).map((row) => row.toPayment());
}

export async function findPaymentByKey(db: Db, requestedBy: string, idempotencyKey: string): Promise<Payment | undefined> {
  return (await PaymentModel.query(db).findOne({ requested_by: requestedBy, idempotency_key: idempotencyKey }))?.toPayment();
}

/**
 * The payments held for these orders that are each order's own, locked, by order and oldest first: those already
 * matched to it (PENDING) and those asked for by its customer or an admin. Anyone else's request is never matched.
 */
export async function lockHeldPaymentsOf(trx: Knex.Transaction, orders: ReadonlyArray<{ orderId: string; customerId: string }>): Promise<HeldPayment[]> {
  if (orders.length === 0) return [];
  const { rows } = await trx.raw<{ rows: Array<Record<string, unknown>> }>(
    `select p.* from payments p
       join unnest(?::uuid[], ?::uuid[]) as o(order_id, customer_id) on p.order_id = o.order_id
      where p.status = any(?::text[])
        and (p.status = 'PENDING' or p.requested_by = o.customer_id or p.requested_by_admin)
      order by p.order_id, p.created_at, p.id
      for update of p`,
    [orders.map((o) => o.orderId), orders.map((o) => o.customerId), HELD],
  );
  return rows.map((row) => PaymentModel.fromDatabaseJson(row).toHeldPayment());
}

/** Which of these orders have a payment processing or captured. */
export async function findOrdersWithLivePayment(trx: Knex.Transaction, orderIds: readonly string[]): Promise<Set<string>> {
  if (orderIds.length === 0) return new Set();
  const { rows } = await trx.raw<{ rows: Array<{ order_id: string }> }>(
    'select distinct order_id from payments where order_id = any(?::uuid[]) and status = any(?::text[])',
    [[...orderIds], LIVE],
  );
  return new Set(rows.map((row) => row.order_id));
}

/** Writes held payments' decided states (status, what the order told them, token, cancellation) in one statement. */
export async function updateHeldPayments(trx: Knex.Transaction, payments: readonly HeldPayment[]): Promise<void> {
  await updateFromUnnest(
    trx,
    'payments',
    { name: 'id', type: 'uuid', value: (p) => p.id },
    [
      { name: 'status', type: 'text', value: (p) => p.status },
      { name: 'customer_id', type: 'uuid', value: (p) => p.customerId },
      { name: 'amount_cents', type: 'bigint', value: (p) => p.amountCents },
      { name: 'currency', type: 'text', value: (p) => p.currency },
      { name: 'payment_method_token', type: 'text', value: (p) => p.paymentMethodToken },
      { name: 'cancellation_reason', type: 'text', value: (p) => p.cancellationReason },
      { name: 'settled_at', type: 'timestamptz', value: (p) => p.settledAt },
    ],
    payments,
    ['updated_at = now()'],
  );
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
export async function expireHoldsRequiringOrder(db: Db, heldBefore: Date, now: Date): Promise<number> {
  return PaymentModel.query(db)
    .patch({ status: 'CANCELLED', cancellationReason: 'order_not_found', paymentMethodToken: null, settledAt: now, updatedAt: now })
    .where('status', 'REQUIRES_ORDER')
    .where('created_at', '<', heldBefore);
}

/**
 * Two complete statements: the user's lock on holding payments (to the end of the transaction: their holds are counted one at a time)
 * and the count of payments they hold for orders not known as theirs (`heldPaymentsCountOf` reads it).
 */
export function lockAndCountHeldPaymentsStatements(db: Knex, userId: string): [lock: string, count: string] {
  const count = db('payments').where({ requested_by: userId, status: 'REQUIRES_ORDER' }).count({ n: '*' }).toQuery();
  return [advisoryLockStatement(db, `payments.holds:${userId}`), count];
}

export function heldPaymentsCountOf(counted: StatementResult): number {
  return Number((counted.rows[0] as { n: number }).n);
}

/** findPaymentByKey, and the order's payment that is processing or captured (failed, held and cancelled ones do not count), as complete statements to send with others; `paymentOf` reads each. */
export function findPaymentByKeyStatement(db: Knex, requestedBy: string, idempotencyKey: string): string {
  return db('payments').where({ requested_by: requestedBy, idempotency_key: idempotencyKey }).first().toQuery();
}

export function findLivePaymentStatement(db: Knex, orderId: string): string {
  return db('payments').where({ order_id: orderId }).whereIn('status', LIVE).first().toQuery();
}

export function paymentOf(result: StatementResult): Payment | undefined {
  const row = result.rows[0] as Record<string, unknown> | undefined;
  return row ? PaymentModel.fromDatabaseJson(row).toPayment() : undefined;
}

/** Inserts a payment (returning the row), as a complete statement to send with others; `paymentOf` reads it. */
export function insertPaymentStatement(db: Knex, payment: NewPayment): string {
  return PaymentModel.query(db).insert(payment).returning('*').toKnexQuery().toQuery();
}

/** Removes an attempt that charged nothing and published nothing, as long as it is still processing. */
export async function deleteUnchargedAttempt(db: Db, paymentId: string): Promise<void> {
  await PaymentModel.query(db).delete().where({ id: paymentId, status: 'PROCESSING' });
}

/** The payments, locked in id order, by id. */
export async function lockPayments(trx: Knex.Transaction, paymentIds: readonly string[]): Promise<Map<string, Payment>> {
  if (paymentIds.length === 0) return new Map();
  const rows = await PaymentModel.query(trx).whereIn('id', [...paymentIds]).orderBy('id').forUpdate();
  return new Map(rows.map((row) => [row.id, row.toPayment()]));
}

/** Writes settled payments' outcomes (status, card, provider reference, decline) in one statement. */
export async function saveSettledPayments(trx: Knex.Transaction, payments: readonly Payment[]): Promise<void> {
  await updateFromUnnest(
    trx,
    'payments',
    { name: 'id', type: 'uuid', value: (p) => p.id },
    [
      { name: 'status', type: 'text', value: (p) => p.status },
      { name: 'card_brand', type: 'text', value: (p) => p.cardBrand },
      { name: 'card_last4', type: 'text', value: (p) => p.cardLast4 },
      { name: 'provider_reference', type: 'text', value: (p) => p.providerReference },
      { name: 'decline_code', type: 'text', value: (p) => p.declineCode },
      { name: 'failure_reason', type: 'text', value: (p) => p.failureReason },
      { name: 'settled_at', type: 'timestamptz', value: (p) => p.settledAt },
      { name: 'updated_at', type: 'timestamptz', value: (p) => p.settledAt },
    ],
    payments,
  );
}

export async function lockPayment(trx: Knex.Transaction, paymentId: string): Promise<Payment | undefined> {
  return (await PaymentModel.query(trx).findById(paymentId).forUpdate())?.toPayment();
}

export async function lockPaymentsOfOrder(trx: Knex.Transaction, orderId: string): Promise<Payment[]> {
  return (await PaymentModel.query(trx).where('order_id', orderId).forUpdate()).map((row) => row.toPayment());
}

export async function updatePayment(trx: Knex.Transaction, paymentId: string, change: PaymentChange): Promise<Payment> {
  return (await PaymentModel.query(trx).patch(change).findById(paymentId).returning('*').throwIfNotFound()).toPayment();
}

/**
 * Payments processing since before `before`: their request timed out or its process died mid-charge. A held
 * payment starts processing long after it was created, so the clock is the last change, not the creation.
 */
export async function findStaleProcessingPayments(db: Db, before: Date, limit: number): Promise<Payment[]> {
  const rows = await PaymentModel.query(db).where('status', 'PROCESSING').where('updated_at', '<', before).orderBy('updated_at').limit(limit);
  return rows.map((row) => row.toPayment());
}
