import type { Knex } from 'knex';
import type { EventCause } from '../../../src/messaging/event-cause';
import type { KeyedRefusal } from '../../../src/messaging/refuse-by-key';
import type { OrderOutcome } from '../domain/reservation-status';
import { StockBook } from './stock-book';

export interface EndedOrder {
  orderId: string;
  /** The products its event names, so their stock rows are locked with the batch's (see lock-rows-of-batch). */
  variantIds: string[];
  cause: EventCause;
}

/** Moves the reserved stock of orders that ended the same way (see StockBook.settle); returns those left as they were. */
export async function settleReservations(trx: Knex.Transaction, ended: readonly EndedOrder[], outcome: OrderOutcome): Promise<KeyedRefusal[]> {
  const book = await StockBook.open(trx, ended.map((e) => e.orderId), ended.flatMap((e) => e.variantIds));
  const untouched: KeyedRefusal[] = [];
  for (const { orderId, cause } of ended) {
    const why = book.settle(orderId, outcome, cause);
    if (why) untouched.push({ key: orderId, why });
  }
  await book.save(trx);
  return untouched;
}
