import { OrderStream } from '../../../proto/streams';
import { onEvent } from '../../../src/messaging/event-handler';
import { trackOrder } from '../application/track-order';

export const markOrderPaidWhenOrderPaid = onEvent(OrderStream, 'orderPaid', 'mark-order-paid-when-order-paid', async (trx, event) => {
  await trackOrder(trx, { orderId: event.orderId, customerId: event.customerId, status: 'PAID' });
});
