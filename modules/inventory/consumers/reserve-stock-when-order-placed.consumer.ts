import { OrderStream } from '../../../proto/streams';
import { onEvent } from '../../../src/messaging/event-handler';
import { reserveStock } from '../application/reserve-stock';
import { orderIdOf } from './order-id';

export const reserveStockWhenOrderPlaced = onEvent(OrderStream, 'orderPlaced', 'reserve-stock-when-order-placed', async (trx, order) => {
  await reserveStock(
    trx,
    orderIdOf(order),
    (order.lines ?? []).map((line) => ({ productId: line.productId ?? '', quantity: line.quantity ?? 0 })),
  );
});
