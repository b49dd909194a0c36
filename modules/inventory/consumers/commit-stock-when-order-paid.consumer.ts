import { OrderStream } from '../../../proto/streams';
import { onEvent } from '../../../src/messaging/event-handler';
import { requiredEventUuid } from '../../../src/messaging/event-fields';
import { settleReservation } from '../application/settle-reservation';

export const commitStockWhenOrderPaid = onEvent(OrderStream, 'orderPaid', 'commit-stock-when-order-paid', async (trx, order) => {
  await settleReservation(trx, requiredEventUuid(order.orderId, 'the order id'), 'paid');
});
