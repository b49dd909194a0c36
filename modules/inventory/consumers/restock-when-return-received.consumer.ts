import { OrderStream } from '../../../proto/streams';
import { onEvents } from '../../../src/messaging/event-handler';
import { fieldsOf } from '../../../src/messaging/event-fields';
import { refuseByKey } from '../../../src/messaging/refuse-by-key';
import { restockReturns } from '../application/ship-from-stock';

export const restockWhenReturnReceived = onEvents(OrderStream, 'returnReceived', 'restock-when-return-received', async (trx, events, effects) => {
  const orderIdOf = (event: (typeof events)[number]) => fieldsOf(event.payload).uuid('orderId');
  const untouched = await restockReturns(
    trx,
    events.map((event) => ({
      orderId: orderIdOf(event),
      restock: fieldsOf(event.payload).list('lines', (line) => {
        const variantId = line.optional('item', (item) => item.uuid('variantId'));
        return line.list('restock', (r) => ({ variantId: variantId!, locationId: r.uuid('locationId'), quantity: r.count('quantity') }));
      }).flat().filter((r) => r.quantity > 0),
      cause: event.cause,
    })),
  );
  refuseByKey(events, orderIdOf, untouched, effects);
});
