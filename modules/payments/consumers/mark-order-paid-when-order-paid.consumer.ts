import { OrderStream } from '../../../proto/streams';
import { onEvents } from '../../../src/messaging/event-handler';
import { fieldsOf } from '../../../src/messaging/event-fields';
import { trackOrders } from '../application/track-order';

export const markOrderPaidWhenOrderPaid = onEvents(OrderStream, 'orderPaid', 'mark-order-paid-when-order-paid', async (trx, events) => {
  await trackOrders(
    trx,
    events.map(({ payload }) => ({ orderId: fieldsOf(payload).uuid('orderId'), customerId: fieldsOf(payload).uuid('customerId'), status: 'PAID' })),
  );
});
