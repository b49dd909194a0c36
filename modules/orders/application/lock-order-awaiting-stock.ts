import type { Knex } from 'knex';
import type { Order } from '../domain/order';
import { lockOrder, recordUnappliedEvent } from '../infrastructure/order.repository';
import type { SourceEvent } from './event-source';

/**
 * Locks the order a reservation outcome is about, if it still waits for stock (PENDING). Otherwise the
 * outcome is recorded as unapplied and nothing is returned: only a cancelled order can be here, and
 * inventory releases its stock on the OrderCancelled it also sees.
 */
export async function lockOrderAwaitingStock(trx: Knex.Transaction, orderId: string, source: SourceEvent): Promise<Order | undefined> {
  const order = await lockOrder(trx, orderId);
  if (order && order.status === 'PENDING') return order;
  await recordUnappliedEvent(trx, {
    orderId,
    eventId: source.eventId,
    eventType: source.eventType,
    orderStatus: order?.status ?? null,
    action: order ? 'ignored: the order no longer waits for stock' : 'ignored: unknown order',
  });
  return undefined;
}
