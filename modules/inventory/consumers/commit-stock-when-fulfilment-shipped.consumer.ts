import { OrderStream } from '../../../proto/streams';
import { onEvents } from '../../../src/messaging/event-handler';
import { fieldsOf } from '../../../src/messaging/event-fields';
import { refuseByKey } from '../../../src/messaging/refuse-by-key';
import { commitShipments } from '../application/ship-from-stock';

export const commitStockWhenFulfilmentShipped = onEvents(OrderStream, 'fulfilmentShipped', 'commit-stock-when-fulfilment-shipped', async (trx, events, effects) => {
  const orderIdOf = (event: (typeof events)[number]) => fieldsOf(event.payload).uuid('orderId');
  const untouched = await commitShipments(
    trx,
    events.map((event) => {
      const fields = fieldsOf(event.payload);
      return {
        orderId: orderIdOf(event),
        fulfilmentId: fields.uuid('fulfilmentId'),
        locationId: fields.optionalUuid('locationId'),
        lines: fields.list('lines', (line) => ({ variantId: line.uuid('variantId'), quantity: line.count('quantity') })),
        cause: event.cause,
      };
    }),
  );
  refuseByKey(events, orderIdOf, untouched, effects);
});
