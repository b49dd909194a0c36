import { OrderStream } from '../../../proto/streams';
import { onEvent } from '../../../src/messaging/event-handler';
import { optionalEventMoney } from '../../../src/messaging/event-money';
import { trackOrder } from '../application/track-order';

export const trackOrderWhenOrderPlaced = onEvent(OrderStream, 'orderPlaced', 'track-order-when-order-placed', async (trx, event) => {
  await trackOrder(trx, { orderId: event.orderId, customerId: event.customerId, status: 'PENDING', total: optionalEventMoney(event.total, 'the order total') });
});
