import { OrderStream } from '../../../proto/streams';
import { onEvents } from '../../../src/messaging/event-handler';
import { requiredEventUuid } from '../../../src/messaging/event-fields';
import { refuseByKey } from '../../../src/messaging/refuse-by-key';
import { reserveStock } from '../application/reserve-stock';

export const reserveStockWhenOrderPlaced = onEvents(OrderStream, 'orderPlaced', 'reserve-stock-when-order-placed', async (trx, events, effects) => {
  const orderIdOf = (event: (typeof events)[number]) => requiredEventUuid(event.payload.orderId, 'the order id');
  const refused = await reserveStock(
    trx,
    events.map((event) => ({
      orderId: orderIdOf(event),
      lines: (event.payload.lines ?? []).map((line) => ({ productId: line.productId ?? '', quantity: line.quantity ?? 0 })),
      cause: event.cause,
    })),
  );
  refuseByKey(events, orderIdOf, refused, effects);
});
