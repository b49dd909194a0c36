import { OrderStream } from '../../../proto/streams';
import { settleStockWhenOrderEnded } from '../application/settle-stock-when-order-ended';

/** Before payment the reservation is released; after payment (refund_required) the goods go back on the shelf. */
export const releaseOrReturnStockWhenOrderCancelled = settleStockWhenOrderEnded(
  OrderStream,
  'orderCancelled',
  'release-or-return-stock-when-order-cancelled',
  'cancelled',
);
