import type { Knex } from 'knex';
import { isUuid } from '../../../src/validation/uuid';
import type { Fulfilment, LineAllocation } from '../domain/fulfilment/fulfilment';

interface FulfilmentRow {
  id: string;
  order_id: string;
  location_id: string | null;
  status: Fulfilment['status'];
  stock: Fulfilment['stock'];
  lines: Fulfilment['lines'];
  moves: Fulfilment['moves'];
  carrier: string | null;
  tracking_number: string | null;
  tracking_url: string | null;
  reason: string | null;
  created_by: string;
  created_at: Date;
  shipped_at: Date | null;
  delivered_at: Date | null;
  cancelled_at: Date | null;
}

function toFulfilment(row: FulfilmentRow): Fulfilment {
  return {
    id: row.id,
    orderId: row.order_id,
    locationId: row.location_id,
    status: row.status,
    stock: row.stock,
    lines: row.lines,
    moves: row.moves,
    tracking: row.tracking_number ? { carrier: row.carrier ?? '', trackingNumber: row.tracking_number, trackingUrl: row.tracking_url } : null,
    reason: row.reason,
    createdBy: row.created_by,
    createdAt: row.created_at,
    shippedAt: row.shipped_at,
    deliveredAt: row.delivered_at,
    cancelledAt: row.cancelled_at,
  };
}

function toRow(f: Fulfilment): FulfilmentRow {
  return {
    id: f.id,
    order_id: f.orderId,
    location_id: f.locationId,
    status: f.status,
    stock: f.stock,
    lines: JSON.stringify(f.lines) as unknown as Fulfilment['lines'],
    moves: JSON.stringify(f.moves) as unknown as Fulfilment['moves'],
    carrier: f.tracking?.carrier ?? null,
    tracking_number: f.tracking?.trackingNumber ?? null,
    tracking_url: f.tracking?.trackingUrl ?? null,
    reason: f.reason,
    created_by: f.createdBy,
    created_at: f.createdAt,
    shipped_at: f.shippedAt,
    delivered_at: f.deliveredAt,
    cancelled_at: f.cancelledAt,
  };
}

/** An order's fulfilments, oldest first. */
export async function fulfilmentsOf(db: Knex | Knex.Transaction, orderId: string): Promise<Fulfilment[]> {
  const rows: FulfilmentRow[] = await db('fulfilments').where('order_id', orderId).orderBy(['created_at', 'id']);
  return rows.map(toFulfilment);
}

/** The order a fulfilment belongs to (read without a lock: the caller then locks the order). */
export async function orderIdOfFulfilment(db: Knex | Knex.Transaction, fulfilmentId: string): Promise<string | undefined> {
  if (!isUuid(fulfilmentId)) return undefined;
  const row: { order_id: string } | undefined = await db('fulfilments').where('id', fulfilmentId).first('order_id');
  return row?.order_id;
}

export async function insertFulfilments(trx: Knex.Transaction, fulfilments: readonly Fulfilment[]): Promise<void> {
  if (fulfilments.length > 0) await trx('fulfilments').insert(fulfilments.map(toRow));
}

export async function saveFulfilments(trx: Knex.Transaction, fulfilments: readonly Fulfilment[]): Promise<void> {
  for (const fulfilment of fulfilments) {
    const row = toRow(fulfilment);
    const { status, stock, lines, moves, carrier, tracking_number, tracking_url, reason, shipped_at, delivered_at, cancelled_at } = row;
    await trx('fulfilments')
      .where('id', row.id)
      .update({ status, stock, lines, moves, carrier, tracking_number, tracking_url, reason, shipped_at, delivered_at, cancelled_at });
  }
}

/** Where each line of the order has its unshipped units reserved, as inventory last told. */
export async function allocationsOf(db: Knex | Knex.Transaction, orderId: string): Promise<Map<string, LineAllocation[]>> {
  const rows: Array<{ variant_id: string; allocations: LineAllocation[] }> = await db('order_lines').where('order_id', orderId).select('variant_id', 'allocations');
  return new Map(rows.map((row) => [row.variant_id, row.allocations]));
}

/** Replaces lines' allocations, for many orders in one statement. */
export async function saveAllocations(trx: Knex.Transaction, rows: ReadonlyArray<{ orderId: string; variantId: string; allocations: LineAllocation[] }>): Promise<void> {
  if (rows.length === 0) return;
  await trx.raw(
    `update order_lines l set allocations = u.allocations
       from unnest(?::uuid[], ?::uuid[], ?::jsonb[]) as u(order_id, variant_id, allocations)
      where l.order_id = u.order_id and l.variant_id = u.variant_id`,
    [rows.map((r) => r.orderId), rows.map((r) => r.variantId), rows.map((r) => JSON.stringify(r.allocations))],
  );
}
