import type { Knex } from 'knex';
import { OrderStream } from '../../../proto/streams';
import { recordEvent } from '../../../src/messaging/outbox';
import type { Order } from '../domain/order';
import { recordUnappliedEvent } from '../infrastructure/order.repository';
import type { SourceEvent } from './event-source';

/**
 * Compensation for a payment that arrived after the order ended (expired, cancelled or rejected): the order
 * keeps its final status and records PaymentNotAccepted naming exactly that payment, which payments refunds.
 * A silent skip would keep the customer's money.
 */
export async function refundUnacceptedPayment(
  trx: Knex.Transaction,
  order: Order,
  paymentId: string,
  source: SourceEvent,
  why: string,
): Promise<void> {
  await recordEvent(trx, OrderStream, order.id, 'paymentNotAccepted', {
    orderId: order.id,
    customerId: order.customerId,
    paymentId,
    orderStatus: order.status,
    reason: why,
  });
  await recordUnappliedEvent(trx, {
    orderId: order.id,
    eventId: source.eventId,
    eventType: source.eventType,
    orderStatus: order.status,
    action: `refund of payment ${paymentId} requested: ${why}`,
  });
}
