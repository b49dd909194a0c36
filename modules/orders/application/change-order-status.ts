import type { Knex } from 'knex';
import type { Order } from '../domain/order';
import { assertTransition, endedUnfulfilled, type OrderStatus } from '../domain/order-status';
import { updateOrderStatus, type OrderPatch } from '../infrastructure/order.repository';
import { releaseUse } from '../infrastructure/promotions/promotion.repository';

/**
 * Moves a locked order to its next status: the transition table is checked, the row updated and the
 * change appended to the status history. The caller records the matching event in the same transaction.
 */
export async function changeOrderStatus(
  trx: Knex.Transaction,
  order: Order,
  to: OrderStatus,
  change: { actor: string; reason?: string; patch?: OrderPatch },
): Promise<Order> {
  assertTransition(order.status, to);
  const occurredAt = new Date();
  const patch: OrderPatch = { statusReason: change.reason ?? null, ...change.patch };
  await updateOrderStatus(trx, order.id, { from: order.status, to, reason: change.reason ?? null, actor: change.actor, occurredAt }, patch);
  // An order that ends unfulfilled gives its promotion use back (once: a released use stays released).
  if (endedUnfulfilled(to)) await releaseUse(trx, order.id);
  return { ...order, ...patch, status: to, updatedAt: occurredAt };
}
