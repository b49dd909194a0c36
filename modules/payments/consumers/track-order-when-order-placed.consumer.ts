import { OrderStream } from '../../../proto/streams';
import { onEvents } from '../../../src/messaging/event-handler';
import { optionalEventMoney } from '../../../src/messaging/event-money';
import { trackOrders } from '../application/track-order';

export const trackOrderWhenOrderPlaced = onEvents(OrderStream, 'orderPlaced', 'track-order-when-order-placed', async (trx, events) => {
  await trackOrders(
    trx,
    events.map(({ payload }) => ({
      orderId: payload.orderId,
      customerId: payload.customerId,
      status: 'PENDING',
      total: optionalEventMoney(payload.total, 'the order total'),
    })),
  );
});
