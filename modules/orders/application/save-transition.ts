import type { Knex } from 'knex';
import { OrderStream } from '../../../proto/streams';
import { recordEvents } from '../../../src/messaging/outbox';
import type { Order } from '../domain/order';
import { endedUnfulfilled } from '../domain/order-status';
import type { OrderTransition } from '../domain/order-transitions';
import { saveOrderTransition } from '../infrastructure/order.repository';
import { releaseUse } from '../infrastructure/promotions/promotion.repository';

/**
 * Writes one locked order's transition (its new state and history) and records the event it implies; an order that
 * ends unfulfilled gives its promotion use back (once: a released use stays released).
 */
export async function saveTransition(trx: Knex.Transaction, { order, change, event }: OrderTransition): Promise<Order> {
  await saveOrderTransition(trx, order, change);
  if (endedUnfulfilled(change.to)) await releaseUse(trx, order.id);
  if (event) await recordEvents(trx, OrderStream, [{ aggregateId: order.id, ...event }]);
  return order;
}
