import type { Envelope, EventCase, EventStream, mart } from '../../../proto/streams';
import { onEvents, type EventHandler } from '../../../src/messaging/event-handler';
import { fieldsOf } from '../../../src/messaging/event-fields';
import { refuseByKey } from '../../../src/messaging/refuse-by-key';
import type { OrderOutcome } from '../domain/reservation-status';
import { settleReservations } from './settle-reservations';

type EndedOrderPayload = { orderId?: string | null; lines?: mart.orders.v1.IOrderLine[] | null };

// Lines of orders that ended before stock was reserved may be empty or name no variant: nothing to settle for them.
// Orders placed before variants name the product, whose default variant has the product's id.
const variantIdsOf = (payload: EndedOrderPayload) =>
  fieldsOf(payload).list('lines', (line) => line.optionalUuid('variantId') ?? line.optionalUuid('productId')).filter((id): id is string => id !== undefined);

/** A handler moving the reserved stock of orders that ended with `outcome` (paid, cancelled, expired). */
export function settleStockWhenOrderEnded<E extends Envelope, K extends EventCase<E>>(
  stream: EventStream<E>,
  event: K,
  name: string,
  outcome: OrderOutcome,
): EventHandler {
  return onEvents(stream, event, name, async (trx, events, effects) => {
    const orderIdOf = (consumed: (typeof events)[number]) => fieldsOf(consumed.payload as EndedOrderPayload).uuid('orderId');
    const untouched = await settleReservations(
      trx,
      events.map((consumed) => ({
        orderId: orderIdOf(consumed),
        variantIds: variantIdsOf(consumed.payload as EndedOrderPayload),
        cause: consumed.cause,
      })),
      outcome,
    );
    refuseByKey(events, orderIdOf, untouched, effects);
  });
}
