import type { Knex } from 'knex';
import { ReservationStream } from '../../../proto/streams';
import { recordEvent } from '../../../src/messaging/outbox';
import { decideReservation, mergeOrderLines, type ReservationLine } from '../domain/reservation';
import { insertReservation, lockReservation } from '../infrastructure/reservation.repository';
import type { StockItemModel } from '../infrastructure/stock-item.model';
import { lockStockItems, saveStockLevel } from '../infrastructure/stock-item.repository';
import { recordStockLevelsChanged } from './stock-events';

/**
 * Reserves every line of a placed order or none of them. The stock rows are locked (in product-id order)
 * before availability is read, so concurrent orders for the last unit are served one at a time and only
 * one of them gets it. An order that already has a reservation (in any state) is left alone.
 */
export async function reserveStock(trx: Knex.Transaction, orderId: string, lines: readonly ReservationLine[]): Promise<void> {
  const existing = await lockReservation(trx, orderId);
  if (existing) return;

  const wanted = mergeOrderLines(lines) ?? [];
  const stock = await lockStockItems(trx, wanted.map((line) => line.productId));
  const decision = decideReservation(lines, stock);

  if (decision.outcome === 'fail') {
    await insertReservation(trx, {
      orderId,
      status: 'FAILED',
      lines: lines.map(({ productId, quantity }) => ({ productId, quantity })),
      reason: decision.reason,
    });
    await recordEvent(trx, ReservationStream, orderId, 'stockReservationFailed', {
      orderId,
      shortLines: decision.shortLines,
      reason: decision.reason,
    });
    return;
  }

  const changed: StockItemModel[] = [];
  for (const line of decision.lines) {
    const item = stock.get(line.productId)!;
    changed.push(await saveStockLevel(trx, line.productId, { onHand: item.onHand, reserved: item.reserved + line.quantity }));
  }
  await insertReservation(trx, { orderId, status: 'RESERVED', lines: decision.lines, reason: null });
  await recordEvent(trx, ReservationStream, orderId, 'stockReserved', { orderId, lines: decision.lines });
  await recordStockLevelsChanged(trx, changed);
}
