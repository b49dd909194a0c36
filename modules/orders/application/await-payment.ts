import type { Knex } from 'knex';
import type { EventCause } from '../../../src/messaging/event-cause';
import type { KeyedRefusal } from '../../../src/messaging/refuse-by-key';
import { toAwaitingPayment, toPaid } from '../domain/order-transitions';
import type { SourceEvent } from './event-source';
import { OrderChanges } from './order-changes';
import type { LineAllocation } from '../domain/fulfilment/fulfilment';
import { saveAllocations } from '../infrastructure/fulfilment.repository';

export interface ReservedOrder {
  orderId: string;
  source: SourceEvent;
  cause: EventCause;
  /** Where inventory holds each line's units. */
  allocations: Array<{ variantId: string; allocations: LineAllocation[] }>;
}

/**
 * Stock is reserved for these orders (and where, which fulfilments need): each waits for payment until its due time, and a payment that arrived while
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
  const now = new Date();
  const paymentDueAt = new Date(now.getTime() + paymentTimeoutSeconds * 1000);
  for (const { orderId, source, cause } of reserved) {
    const order = changes.order(orderId);
    if (!order || order.status !== 'PENDING') {
      const why = order ? 'ignored: the order no longer waits for stock' : 'ignored: unknown order';
      changes.note({ orderId, eventId: source.eventId, eventType: source.eventType, orderStatus: order?.status ?? null, action: why });
      ignored.push({ key: orderId, why });
      continue;
    }
    const awaiting = changes.apply(cause, toAwaitingPayment(order, paymentDueAt, now));
    if (order.paymentId) changes.apply(cause, toPaid(awaiting, order.paymentId, now));
  }
  await changes.save(trx);
  await saveAllocations(trx, reserved.flatMap(({ orderId, allocations }) => allocations.map((line) => ({ orderId, ...line }))));
  return ignored;
}
