import { OrderStream } from '../../../proto/streams';
import { onEvent } from '../../../src/messaging/event-handler';
import { requiredEventUuid } from '../../../src/messaging/event-fields';
import { reserveStock } from '../application/reserve-stock';

export const reserveStockWhenOrderPlaced = onEvent(OrderStream, 'orderPlaced', 'reserve-stock-when-order-placed', async (trx, order) => {
  await reserveStock(
    trx,
    requiredEventUuid(order.orderId, 'the order id'),
    (order.lines ?? []).map((line) => ({ productId: line.productId ?? '', quantity: line.quantity ?? 0 })),
  );
});
