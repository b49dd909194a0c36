import type { Knex } from 'knex';
import { isUuid } from '../../../src/validation/uuid';
import type { OrderReturn, ReturnChange } from '../domain/returns/order-return';

interface ReturnRow {
  id: string;
  order_id: string;
  customer_id: string;
  status: OrderReturn['status'];
  lines: OrderReturn['lines'];
  refund_shipping: boolean;
  refund: OrderReturn['refund'];
  refund_id: string | null;
  refunded_minor: string | number | null;
  created_at: Date;
  updated_at: Date;
}

interface HistoryRow {
  return_id: string;
  status: OrderReturn['status'];
  reason: string | null;
  actor: string;
  occurred_at: Date;
}

function toReturn(row: ReturnRow, history: readonly HistoryRow[]): OrderReturn {
  return {
    id: row.id,
    orderId: row.order_id,
    customerId: row.customer_id,
    status: row.status,
    lines: row.lines,
    refundShipping: row.refund_shipping,
    refund: row.refund,
    refundId: row.refund_id,
    refundedMinor: row.refunded_minor === null ? null : Number(row.refunded_minor),
    history: history.filter((h) => h.return_id === row.id).map((h) => ({ status: h.status, reason: h.reason, actor: h.actor, occurredAt: h.occurred_at })),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

async function withHistory(db: Knex | Knex.Transaction, rows: ReturnRow[]): Promise<OrderReturn[]> {
  if (rows.length === 0) return [];
  const history: HistoryRow[] = await db('return_history').whereIn('return_id', rows.map((r) => r.id)).orderBy('id');
  return rows.map((row) => toReturn(row, history));
}

/** An order's returns with their history, oldest first. */
export async function returnsOf(db: Knex | Knex.Transaction, orderId: string): Promise<OrderReturn[]> {
  return withHistory(db, await db('returns').where('order_id', orderId).orderBy(['created_at', 'id']));
}

export async function findReturn(db: Knex | Knex.Transaction, returnId: string): Promise<OrderReturn | undefined> {
  if (!isUuid(returnId)) return undefined;
  return (await withHistory(db, await db('returns').where('id', returnId)))[0];
}

export async function insertReturn(trx: Knex.Transaction, ret: OrderReturn): Promise<void> {
  await trx('returns').insert({
    id: ret.id,
    order_id: ret.orderId,
    customer_id: ret.customerId,
    status: ret.status,
    lines: JSON.stringify(ret.lines),
    refund_shipping: ret.refundShipping,
    created_at: ret.createdAt,
    updated_at: ret.updatedAt,
  });
  await insertChanges(trx, ret.id, ret.history);
}

/** Writes a return's new state and appends the change that led to it. */
export async function saveReturn(trx: Knex.Transaction, ret: OrderReturn, change: ReturnChange): Promise<void> {
  await trx('returns')
    .where('id', ret.id)
    .update({
      status: ret.status,
      lines: JSON.stringify(ret.lines),
      refund_shipping: ret.refundShipping,
      refund: ret.refund ? JSON.stringify(ret.refund) : null,
      refund_id: ret.refundId,
      refunded_minor: ret.refundedMinor,
      updated_at: ret.updatedAt,
    });
  await insertChanges(trx, ret.id, [change]);
}

async function insertChanges(trx: Knex.Transaction, returnId: string, changes: readonly ReturnChange[]): Promise<void> {
  if (changes.length === 0) return;
  await trx('return_history').insert(changes.map((c) => ({ return_id: returnId, status: c.status, reason: c.reason, actor: c.actor, occurred_at: c.occurredAt })));
}
