import { OrderStream } from '../../../proto/streams';
import { settleStockWhenOrderEnded } from '../application/settle-stock-when-order-ended';

export const releaseStockWhenOrderExpired = settleStockWhenOrderEnded(OrderStream, 'orderExpired', 'release-stock-when-order-expired', 'expired');
