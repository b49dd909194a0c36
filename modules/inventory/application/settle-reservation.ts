import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { ReservationStream, StockItemStream } from '../../../proto/streams';
import { recordEvent } from '../../../src/messaging/outbox';
import type { ReservationLine } from '../domain/reservation';
import { movementFor, type OrderOutcome } from '../domain/reservation-status';
import { available } from '../domain/stock-level';
import type { ReservationModel } from '../infrastructure/reservation.model';
import { insertReservation, lockReservation, markReservation } from '../infrastructure/reservation.repository';
import { insertAdjustment } from '../infrastructure/stock-adjustment.repository';
import type { StockItemModel } from '../infrastructure/stock-item.model';
import { lockStockItems, saveStockLevel } from '../infrastructure/stock-item.repository';
import { recordStockLevelsChanged } from './stock-events';

const RELEASE_REASONS: Record<Exclude<OrderOutcome, 'paid'>, string> = {
  cancelled: 'order_cancelled',
  expired: 'order_expired',
};

/**
 * Moves an order's reserved stock according to how the order ended:
 * paid → committed (leaves the shelf); cancelled or expired before payment → released;
 * cancelled after payment → returned to the shelf as a `return` adjustment (StockAdjusted), since nothing
 * is reserved any more there is no StockReleased for it.
 * Every other combination (a failed reservation, a second cancellation, a release after commit) does nothing.
 */
export async function settleReservation(trx: Knex.Transaction, orderId: string, outcome: OrderOutcome): Promise<void> {
  const reservation = await lockReservation(trx, orderId);
  if (!reservation) {
    // The order ended before its placement reached us: remember it so a late OrderPlaced reserves nothing.
    if (outcome !== 'paid') {
      await insertReservation(trx, { orderId, status: 'RELEASED', lines: [], reason: `${RELEASE_REASONS[outcome]}_before_reservation` });
    }
    return;
  }
  switch (movementFor(reservation.status, outcome)) {
    case 'commit':
      return commit(trx, reservation);
    case 'release':
      return release(trx, reservation, RELEASE_REASONS[outcome as Exclude<OrderOutcome, 'paid'>]);
    case 'return':
      return putBack(trx, reservation);
    case 'none':
      return;
  }
}

async function commit(trx: Knex.Transaction, reservation: ReservationModel): Promise<void> {
  const changed = await moveStock(trx, reservation.lines, (item, quantity) => ({
    onHand: item.onHand - quantity,
    reserved: item.reserved - quantity,
  }));
  await markReservation(trx, reservation.orderId, 'COMMITTED', null);
  await recordEvent(trx, ReservationStream, reservation.orderId, 'stockCommitted', {
    orderId: reservation.orderId,
    lines: reservation.lines,
  });
  await recordStockLevelsChanged(trx, changed);
}

async function release(trx: Knex.Transaction, reservation: ReservationModel, reason: string): Promise<void> {
  const changed = await moveStock(trx, reservation.lines, (item, quantity) => ({
    onHand: item.onHand,
    reserved: item.reserved - quantity,
  }));
  await markReservation(trx, reservation.orderId, 'RELEASED', reason);
  await recordEvent(trx, ReservationStream, reservation.orderId, 'stockReleased', {
    orderId: reservation.orderId,
    lines: reservation.lines,
    reason,
  });
  await recordStockLevelsChanged(trx, changed);
}

async function putBack(trx: Knex.Transaction, reservation: ReservationModel): Promise<void> {
  const { orderId, lines } = reservation;
  const changed = await moveStock(trx, lines, (item, quantity) => ({ onHand: item.onHand + quantity, reserved: item.reserved }));
  for (const item of changed) {
    const quantity = lines.find((line) => line.productId === item.productId)!.quantity;
    const adjustmentId = randomUUID();
    await insertAdjustment(trx, {
      id: adjustmentId,
      productId: item.productId,
      delta: quantity,
      reason: 'return',
      note: 'paid order cancelled',
      orderId,
      actorUserId: null,
      idempotencyKey: null,
      onHandAfter: item.onHand,
      reservedAfter: item.reserved,
    });
    await recordEvent(trx, StockItemStream, item.productId, 'stockAdjusted', {
      productId: item.productId,
      delta: quantity,
      reason: 'return',
      onHand: item.onHand,
      reserved: item.reserved,
      available: available(item),
      adjustmentId,
      orderId,
      version: item.version,
    });
  }
  await markReservation(trx, orderId, 'RETURNED', 'order_cancelled_after_payment');
  await recordStockLevelsChanged(trx, changed);
}

/** Locks the lines' stock rows in product-id order and writes each one's new level. */
async function moveStock(
  trx: Knex.Transaction,
  lines: readonly ReservationLine[],
  next: (item: StockItemModel, quantity: number) => { onHand: number; reserved: number },
): Promise<StockItemModel[]> {
  const stock = await lockStockItems(trx, lines.map((line) => line.productId));
  const changed: StockItemModel[] = [];
  for (const item of stock.values()) {
    const quantity = lines.find((line) => line.productId === item.productId)!.quantity;
    changed.push(await saveStockLevel(trx, item.productId, next(item, quantity)));
  }
  return changed;
}
