import type { Knex } from 'knex';
import { toExpired } from '../domain/order-transitions';
import { lockOrder, lockOverdueOrderIds } from '../infrastructure/order.repository';
import { saveTransition } from './save-transition';

const BATCH_SIZE = 100;

/**
 * Expires the orders whose payment is overdue, one batch per transaction. Rows locked by another
 * instance's sweep (or by a payment being applied) are skipped and looked at again next time.
 * Returns how many orders expired.
 */
export async function expireOverdueOrders(db: Knex, now: Date = new Date()): Promise<number> {
  let expired = 0;
  for (;;) {
    const batch = await db.transaction(async (trx) => {
      const ids = await lockOverdueOrderIds(trx, now, BATCH_SIZE);
      for (const id of ids) {
        await saveTransition(trx, toExpired((await lockOrder(trx, id))!, now));
      }
      return ids.length;
    });
    expired += batch;
    if (batch < BATCH_SIZE) return expired;
  }
}
