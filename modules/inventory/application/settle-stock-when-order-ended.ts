import type { Envelope, EventCase, EventStream, mart } from '../../../proto/streams';
import { onEvents, type EventHandler } from '../../../src/messaging/event-handler';
import { requiredEventUuid } from '../../../src/messaging/event-fields';
import { refuseByKey } from '../../../src/messaging/refuse-by-key';
import type { OrderOutcome } from '../domain/reservation-status';
import { settleReservations } from './settle-reservations';
import { isUuid } from '../../../src/validation/uuid';

type EndedOrderPayload = { orderId?: string | null; lines?: mart.orders.v1.IOrderLine[] | null };

/** A handler moving the reserved stock of orders that ended with `outcome` (paid, cancelled, expired). */
export function settleStockWhenOrderEnded<E extends Envelope, K extends EventCase<E>>(
  stream: EventStream<E>,
  event: K,
  name: string,
  outcome: OrderOutcome,
): EventHandler {
  return onEvents(stream, event, name, async (trx, events, effects) => {
    const orderIdOf = (consumed: (typeof events)[number]) => requiredEventUuid((consumed.payload as EndedOrderPayload).orderId, 'the order id');
    const untouched = await settleReservations(
      trx,
      events.map((consumed) => ({
        orderId: orderIdOf(consumed),
        productIds: ((consumed.payload as EndedOrderPayload).lines ?? []).flatMap((line) => (isUuid(line.productId) ? [line.productId.toLowerCase()] : [])),
        cause: consumed.cause,
      })),
      outcome,
    );
    refuseByKey(events, orderIdOf, untouched, effects);
  });
}
