import { OrderStream } from '../../../proto/streams';
import { onEvents } from '../../../src/messaging/event-handler';
import { fieldsOf } from '../../../src/messaging/event-fields';
import { trackOrders } from '../application/track-order';

export const trackOrderWhenOrderPlaced = onEvents(OrderStream, 'orderPlaced', 'track-order-when-order-placed', async (trx, events) => {
  await trackOrders(
    trx,
    events.map(({ payload }) => {
      const fields = fieldsOf(payload);
      return { orderId: fields.uuid('orderId'), customerId: fields.uuid('customerId'), status: 'PENDING' as const, total: fields.optionalMoney('total') };
    }),
  );
});
