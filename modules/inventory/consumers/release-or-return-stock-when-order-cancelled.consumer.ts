import { OrderStream } from '../../../proto/streams';
import { onEvent } from '../../../src/messaging/event-handler';
import { settleReservation } from '../application/settle-reservation';
import { orderIdOf } from './order-id';

/** Before payment the reservation is released; after payment (refund_required) the goods go back on the shelf. */
export const releaseOrReturnStockWhenOrderCancelled = onEvent(
  OrderStream,
  'orderCancelled',
  'release-or-return-stock-when-order-cancelled',
  async (trx, order) => {
    await settleReservation(trx, orderIdOf(order), 'cancelled');
  },
);
