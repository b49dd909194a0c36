import type { Knex } from 'knex';
import { updateFromUnnest } from '../../../src/db/update-from-unnest';
import type { PayableOrderStatus } from '../domain/payable-order-status';
import type { PayableOrder } from '../domain/payable-order';
import { PayableOrderModel } from './payable-order.model';

/** The order row is the lock every payment decision of one order takes first, so its events commit in decision order. */
export async function lockPayableOrder(trx: Knex.Transaction, orderId: string): Promise<PayableOrder | undefined> {
  return (await PayableOrderModel.query(trx).findById(orderId).forUpdate())?.toPayableOrder();
}

/** The orders of these payments, locked in order-id order, by order id. */
export async function lockPayableOrdersOfPayments(trx: Knex.Transaction, paymentIds: readonly string[]): Promise<Map<string, PayableOrder>> {
  if (paymentIds.length === 0) return new Map();
  const rows = await PayableOrderModel.query(trx)
    .whereRaw('order_id in (select order_id from payments where id = any(?::uuid[]))', [[...paymentIds]])
    .orderBy('order_id')
    .forUpdate();
  return new Map(rows.map((row) => [row.orderId, row.toPayableOrder()]));
}

/**
 * Serialises the first sight of an order with payments held for it: a payment request that finds no order and
 * the event that creates the order's row take this lock, so the event's look for held payments sees the request's.
 */
export function lockOrderIdentityStatement(db: Knex, orderId: string): string {
  return db.raw(`select pg_advisory_xact_lock(hashtextextended(? || ?, 0))`, [ORDER_IDENTITY, orderId]).toQuery();
}

/** The name of an order's identity lock is this prefix and its id; both statements taking it must spell it alike. */
const ORDER_IDENTITY = 'payments.order:';

/** lockPayableOrder as a complete statement, to send with others; `payableOrderOf` reads its result. */
export function lockPayableOrderStatement(db: Knex, orderId: string): string {
  return db('payable_orders').where({ order_id: orderId }).forUpdate().toQuery();
}

export function payableOrderOf(result: { rows: unknown[] }): PayableOrder | undefined {
  const row = result.rows[0] as Record<string, unknown> | undefined;
  return row ? PayableOrderModel.fromDatabaseJson(row).toPayableOrder() : undefined;
}

export interface NewPayableOrder {
  orderId: string;
  customerId: string;
  status: PayableOrderStatus;
}

/**
 * The orders' rows, each created on the first event seen for it (events of other topics may come first), locked in
 * order-id order for the caller's transaction; `created` for the rows this call made.
 */
export async function ensureAndLockPayableOrders(
  trx: Knex.Transaction,
  orders: readonly NewPayableOrder[],
): Promise<Array<{ order: PayableOrder; created: boolean }>> {
  const sorted = [...orders].sort((a, b) => a.orderId.localeCompare(b.orderId));
  const { rows } = await trx.raw<{ rows: Array<Record<string, unknown>> }>(
    `insert into payable_orders (order_id, customer_id, status)
     select * from unnest(?::uuid[], ?::uuid[], ?::text[])
     on conflict (order_id) do update set order_id = excluded.order_id
     returning *, (xmax = 0) as inserted_by_this_statement`,
    [sorted.map((o) => o.orderId), sorted.map((o) => o.customerId), sorted.map((o) => o.status)],
  );
  return rows.map(({ inserted_by_this_statement: created, ...row }) => ({ order: PayableOrderModel.fromDatabaseJson(row).toPayableOrder(), created: created === true }));
}

/** lockOrderIdentityStatement's lock for several orders in one statement, in order-id order. */
export async function lockOrderIdentities(trx: Knex.Transaction, orderIds: readonly string[]): Promise<void> {
  if (orderIds.length === 0) return;
  await trx.raw(`select pg_advisory_xact_lock(hashtextextended(? || id, 0)) from unnest(?::text[]) as id`, [ORDER_IDENTITY, [...orderIds].sort()]);
}

/** Writes the orders' new states (every column an event moves) in one statement. */
export async function updatePayableOrders(trx: Knex.Transaction, orders: readonly PayableOrder[]): Promise<PayableOrder[]> {
  const rows = await updateFromUnnest(
    trx,
    'payable_orders',
    { name: 'order_id', type: 'uuid', value: (o) => o.orderId },
    [
      { name: 'status', type: 'text', value: (o) => o.status },
      { name: 'amount_cents', type: 'bigint', value: (o) => o.amountCents },
      { name: 'currency', type: 'text', value: (o) => o.currency },
      { name: 'payment_due_at', type: 'timestamptz', value: (o) => o.paymentDueAt },
      { name: 'closed_reason', type: 'text', value: (o) => o.closedReason },
    ],
    orders,
    ['updated_at = now()'],
  );
  return rows.map((row) => PayableOrderModel.fromDatabaseJson(row).toPayableOrder());
}
