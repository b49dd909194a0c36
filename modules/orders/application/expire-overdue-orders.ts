import type { Knex } from 'knex';
import { OrderStream } from '../../../proto/streams';
import { recordEvent } from '../../../src/messaging/outbox';
import { SYSTEM_ACTOR } from '../domain/order';
import { lockOrder, lockOverdueOrderIds } from '../infrastructure/order.repository';
import { changeOrderStatus } from './change-order-status';
import { eventLines } from './order-event-payloads';

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
        const order = (await lockOrder(trx, id))!;
        await changeOrderStatus(trx, order, 'EXPIRED', { actor: SYSTEM_ACTOR, reason: 'Not paid in time' });
        await recordEvent(trx, OrderStream, order.id, 'orderExpired', {
          orderId: order.id,
          customerId: order.customerId,
          lines: eventLines(order),
          paymentDueAt: order.paymentDueAt?.toISOString() ?? '',
        });
      }
      return ids.length;
    });
    expired += batch;
    if (batch < BATCH_SIZE) return expired;
  }
}
