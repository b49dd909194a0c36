import { OrderStream } from '../../../proto/streams';
import { onEvent } from '../../../src/messaging/event-handler';
import { settleReservation } from '../application/settle-reservation';
import { orderIdOf } from './order-id';

export const releaseStockWhenOrderExpired = onEvent(OrderStream, 'orderExpired', 'release-stock-when-order-expired', async (trx, order) => {
  await settleReservation(trx, orderIdOf(order), 'expired');
});
