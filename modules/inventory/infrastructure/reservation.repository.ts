import type { Knex } from 'knex';
import type { ReservationLine } from '../domain/reservation';
import type { ReservationStatus } from '../domain/reservation-status';
import { ReservationModel } from './reservation.model';

export interface ReservationRow {
  orderId: string;
  status: ReservationStatus;
  lines: ReservationLine[];
  reason: string | null;
}

/** The reservations of these orders, locked (in order-id order), by order id. */
export async function lockReservations(trx: Knex.Transaction, orderIds: readonly string[]): Promise<Map<string, ReservationRow>> {
  const wanted = [...new Set(orderIds)];
  if (wanted.length === 0) return new Map();
  const rows = await ReservationModel.query(trx).whereIn('order_id', wanted).orderBy('order_id').forUpdate();
  return new Map(rows.map((row) => [row.orderId, { orderId: row.orderId, status: row.status, lines: row.lines, reason: row.reason }]));
}

/** Inserts new reservations and writes changed ones: at most two statements. */
export async function saveReservations(trx: Knex.Transaction, inserted: readonly ReservationRow[], changed: readonly ReservationRow[]): Promise<void> {
  if (inserted.length > 0) await ReservationModel.query(trx).insert(inserted as ReservationRow[]);
  if (changed.length === 0) return;
  await trx.raw(
    `update reservations r set status = u.status, reason = u.reason, updated_at = now()
       from unnest(?::uuid[], ?::text[], ?::text[]) as u(order_id, status, reason)
      where r.order_id = u.order_id`,
    [changed.map((r) => r.orderId), changed.map((r) => r.status), changed.map((r) => r.reason)] as unknown as Knex.RawBinding[],
  );
}
