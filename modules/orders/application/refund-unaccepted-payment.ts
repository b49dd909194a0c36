import type { Knex } from 'knex';
import { OrderStream } from '../../../proto/streams';
import { recordEvent } from '../../../src/messaging/outbox';
import type { Order } from '../domain/order';
import { recordUnappliedEvent } from '../infrastructure/order-repository';
import type { SourceEvent } from './event-source';

/**
 * Compensation for a payment that arrived after the order ended (expired, cancelled or rejected): the
 * order keeps its final status, and an OrderCancelled with refundRequired=true names exactly that payment
 * so that payments refunds it. Its lines are empty: there is no stock to release or restock for it.
 * OrderCancelled is the event payments refunds on; inventory and payments treat a repeated close of an
 * ended order as a no-op, so only the stray payment is affected, and a silent skip would keep the money.
 */
export async function refundUnacceptedPayment(
  trx: Knex.Transaction,
  order: Order,
  paymentId: string,
  source: SourceEvent,
  why: string,
): Promise<void> {
  await recordEvent(trx, OrderStream, order.id, 'orderCancelled', {
    orderId: order.id,
    customerId: order.customerId,
    previousStatus: order.status,
    reason: `PAYMENT_NOT_ACCEPTED: ${why}`,
    refundRequired: true,
    lines: [],
    paymentId,
  });
  await recordUnappliedEvent(trx, {
    orderId: order.id,
    eventId: source.eventId,
    eventType: source.eventType,
    orderStatus: order.status,
    action: `refund of payment ${paymentId} requested: ${why}`,
  });
}
