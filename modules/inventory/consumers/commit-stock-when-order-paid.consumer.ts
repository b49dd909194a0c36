import { OrderStream } from '../../../proto/streams';
import { onEvent } from '../../../src/messaging/event-handler';
import { settleReservation } from '../application/settle-reservation';
import { orderIdOf } from './order-id';

export const commitStockWhenOrderPaid = onEvent(OrderStream, 'orderPaid', 'commit-stock-when-order-paid', async (trx, order) => {
  await settleReservation(trx, orderIdOf(order), 'paid');
});
