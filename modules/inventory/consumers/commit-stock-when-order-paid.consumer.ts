import { OrderStream } from '../../../proto/streams';
import { settleStockWhenOrderEnded } from '../application/settle-stock-when-order-ended';

export const commitStockWhenOrderPaid = settleStockWhenOrderEnded(OrderStream, 'orderPaid', 'commit-stock-when-order-paid', 'paid');
