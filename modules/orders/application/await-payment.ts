import type { Knex } from 'knex';
import type { EventCause } from '../../../src/messaging/event-cause';
import type { KeyedRefusal } from '../../../src/messaging/refuse-by-key';
import { SYSTEM_ACTOR, type Order } from '../domain/order';
import type { SourceEvent } from './event-source';
import { OrderChanges } from './order-changes';
import { eventLines, eventMoney, eventTotal } from './order-event-payloads';

export interface ReservedOrder {
  orderId: string;
  source: SourceEvent;
  cause: EventCause;
}

/**
 * Stock is reserved for these orders: each waits for payment until its due time, and a payment that arrived while
 * it was still pending is applied at once. An order that no longer waits for stock is left as it is (only a
 * cancelled order can be here, and inventory releases its stock on the OrderCancelled it also sees); the returned
 * list names them, with why.
 */
export async function awaitPayments(
  trx: Knex.Transaction,
  reserved: readonly ReservedOrder[],
  paymentTimeoutSeconds: number,
): Promise<KeyedRefusal[]> {
  const changes = await OrderChanges.lock(trx, reserved.map((r) => r.orderId));
  const ignored: KeyedRefusal[] = [];
  const paymentDueAt = new Date(Date.now() + paymentTimeoutSeconds * 1000);
  for (const { orderId, source, cause } of reserved) {
    const order = changes.order(orderId);
    if (!order || order.status !== 'PENDING') {
      const why = order ? 'ignored: the order no longer waits for stock' : 'ignored: unknown order';
      changes.note({ orderId, eventId: source.eventId, eventType: source.eventType, orderStatus: order?.status ?? null, action: why });
      ignored.push({ key: orderId, why });
      continue;
    }
    const awaiting = changes.transition(order, 'AWAITING_PAYMENT', { actor: SYSTEM_ACTOR, patch: { paymentDueAt } });
    changes.record(cause, order, 'orderAwaitingPayment', {
      orderId: order.id,
      customerId: order.customerId,
      total: eventTotal(order),
      paymentDueAt: paymentDueAt.toISOString(),
    });
    if (order.paymentId) markPaid(changes, cause, awaiting, order.paymentId);
  }
  await changes.save(trx);
  return ignored;
}

export function markPaid(changes: OrderChanges, cause: EventCause, order: Order, paymentId: string): void {
  const paid = changes.transition(order, 'PAID', { actor: SYSTEM_ACTOR, patch: { paymentId } });
  changes.record(cause, paid, 'orderPaid', {
    orderId: paid.id,
    customerId: paid.customerId,
    paymentId,
    total: eventTotal(paid),
    lines: eventLines(paid),
    discount: eventMoney(paid.discountCents, paid.currency),
    promotionCode: paid.promotionCode ?? '',
  });
}
