import type { Knex } from 'knex';
import type { EventCause } from '../../../src/messaging/event-cause';
import type { KeyedRefusal } from '../../../src/messaging/refuse-by-key';
import type { ReservationLine } from '../domain/reservation';
import { StockBook } from './stock-book';

export interface PlacedOrder {
  orderId: string;
  lines: ReservationLine[];
  cause: EventCause;
}

/**
 * Reserves every line of each placed order or none of them, in the batch's order. The stock rows are locked (in
 * variant-id order) before availability is read, so concurrent orders for the last unit are served one at a time
 * and only one of them gets it. Returns the orders that got nothing, with why (out of stock, already reserved).
 */
export async function reserveStock(trx: Knex.Transaction, placed: readonly PlacedOrder[]): Promise<KeyedRefusal[]> {
  const book = await StockBook.open(trx, placed.map((p) => p.orderId), placed.flatMap((p) => StockBook.variantsOf(p.lines)));
  const refused: KeyedRefusal[] = [];
  for (const { orderId, lines, cause } of placed) {
    const why = book.reserve(orderId, lines, cause);
    if (why) refused.push({ key: orderId, why });
  }
  await book.save(trx);
  return refused;
}
