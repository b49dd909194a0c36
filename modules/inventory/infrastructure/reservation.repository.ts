import type { Knex } from 'knex';
import { LockedRows } from '../../../src/db/locked-rows';
import type { ReservationLine } from '../domain/reservation';
import type { ReservationStatus } from '../domain/reservation-status';
import { ReservationModel } from './reservation.model';

const locked = new LockedRows<ReservationModel>();

/** The order's reservation, locked; read from Postgres only if this transaction has not locked it already. */
export async function lockReservation(trx: Knex.Transaction, orderId: string): Promise<ReservationModel | undefined> {
  const known = locked.known(trx, orderId);
  if (known !== undefined) return known ?? undefined;
  const reservation = await ReservationModel.query(trx).findById(orderId).forUpdate();
  locked.remember(trx, orderId, reservation ?? null);
  return reservation;
}

/**
 * Locks the reservations of these orders at once and remembers which have none, for a consumer batch. An order's
 * events share one partition, so no other batch of this group inserts a reservation for them meanwhile.
 */
export async function lockReservations(trx: Knex.Transaction, orderIds: readonly string[]): Promise<void> {
  const wanted = [...new Set(orderIds)];
  if (wanted.length === 0) return;
  const rows = await ReservationModel.query(trx).whereIn('order_id', wanted).orderBy('order_id').forUpdate();
  const byOrder = new Map(rows.map((row) => [row.orderId, row]));
  for (const id of wanted) locked.remember(trx, id, byOrder.get(id) ?? null);
}

export async function insertReservation(
  trx: Knex.Transaction,
  reservation: { orderId: string; status: ReservationStatus; lines: ReservationLine[]; reason: string | null },
): Promise<void> {
  const inserted = await ReservationModel.query(trx).insert(reservation).returning('*');
  locked.remember(trx, reservation.orderId, inserted);
}

export async function markReservation(trx: Knex.Transaction, orderId: string, status: ReservationStatus, reason: string | null): Promise<void> {
  const [marked] = await ReservationModel.query(trx).patch({ status, reason, updatedAt: new Date() }).where('order_id', orderId).returning('*');
  locked.remember(trx, orderId, marked ?? null);
}
