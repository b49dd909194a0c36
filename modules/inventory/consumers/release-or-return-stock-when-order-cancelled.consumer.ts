import { OrderStream } from '../../../proto/streams';
import { onEvent } from '../../../src/messaging/event-handler';
import { requiredEventUuid } from '../../../src/messaging/event-fields';
import { settleReservation } from '../application/settle-reservation';

/** Before payment the reservation is released; after payment (refund_required) the goods go back on the shelf. */
export const releaseOrReturnStockWhenOrderCancelled = onEvent(
  OrderStream,
  'orderCancelled',
  'release-or-return-stock-when-order-cancelled',
  async (trx, order) => {
    await settleReservation(trx, requiredEventUuid(order.orderId, 'the order id'), 'cancelled');
  },
);
