import { OrderStream } from '../../../proto/streams';
import { onEvent } from '../../../src/messaging/event-handler';
import { requiredEventUuid } from '../../../src/messaging/event-fields';
import { settleReservation } from '../application/settle-reservation';

export const releaseStockWhenOrderExpired = onEvent(OrderStream, 'orderExpired', 'release-stock-when-order-expired', async (trx, order) => {
  await settleReservation(trx, requiredEventUuid(order.orderId, 'the order id'), 'expired');
});
