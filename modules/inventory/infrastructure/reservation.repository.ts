import type { Knex } from 'knex';
import type { ReservationLine } from '../domain/reservation';
import type { ReservationStatus } from '../domain/reservation-status';
import { ReservationModel } from './reservation.model';

export async function lockReservation(trx: Knex.Transaction, orderId: string): Promise<ReservationModel | undefined> {
  return ReservationModel.query(trx).findById(orderId).forUpdate();
}

export async function insertReservation(
  trx: Knex.Transaction,
  reservation: { orderId: string; status: ReservationStatus; lines: ReservationLine[]; reason: string | null },
): Promise<void> {
  await ReservationModel.query(trx).insert(reservation);
}

export async function markReservation(trx: Knex.Transaction, orderId: string, status: ReservationStatus, reason: string | null): Promise<void> {
  await ReservationModel.query(trx).patch({ status, reason, updatedAt: new Date() }).where('order_id', orderId);
}
