import { OrderStream } from '../../../proto/streams';
import { onEvents } from '../../../src/messaging/event-handler';
import { fieldsOf } from '../../../src/messaging/event-fields';
import { refuseByKey } from '../../../src/messaging/refuse-by-key';
import { reserveStock } from '../application/reserve-stock';

export const reserveStockWhenOrderPlaced = onEvents(OrderStream, 'orderPlaced', 'reserve-stock-when-order-placed', async (trx, events, effects) => {
  const orderIdOf = (event: (typeof events)[number]) => fieldsOf(event.payload).uuid('orderId');
  const refused = await reserveStock(
    trx,
    events.map((event) => ({
      orderId: orderIdOf(event),
      // Lines are judged by the reservation rules: an order with a bad line is refused stock, not dead-lettered.
      // Orders placed before variants name the product, whose default variant has the product's id.
      lines: fieldsOf(event.payload).list('lines', (line) => ({
        variantId: line.optionalText('variantId') ?? line.text('productId'),
        quantity: line.integer('quantity'),
      })),
      cause: event.cause,
    })),
  );
  refuseByKey(events, orderIdOf, refused, effects);
});
