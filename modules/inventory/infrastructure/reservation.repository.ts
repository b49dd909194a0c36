import type { Knex } from 'knex';
import { updateFromUnnest } from '../../../src/db/update-from-unnest';
import type { AllocatedLine } from '../domain/reservation';
import type { ReservationStatus } from '../domain/reservation-status';
import { ReservationModel } from './reservation.model';

export interface ReservationRow {
  orderId: string;
  status: ReservationStatus;
  lines: AllocatedLine[];
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
  await updateFromUnnest(
    trx,
    'reservations',
    { name: 'order_id', type: 'uuid', value: (r) => r.orderId },
    [
      { name: 'status', type: 'text', value: (r) => r.status },
      { name: 'reason', type: 'text', value: (r) => r.reason },
      { name: 'lines', type: 'jsonb', value: (r) => JSON.stringify(r.lines) },
    ],
    changed,
    ['updated_at = now()'],
  );
}
