import { OrderStream } from '../../../proto/streams';
import type { Logger } from '../../../src/logging/logger';
import { onEvent } from '../../../src/messaging/event-handler';
import { closeOrder } from '../application/close-order';

export const closeOrderWhenOrderRejected = (logger: Logger) =>
  onEvent(OrderStream, 'orderRejected', 'close-order-when-order-rejected', async (trx, event) => {
    await closeOrder(trx, logger, { orderId: event.orderId, customerId: event.customerId, reason: 'order_rejected', refundExpected: false });
  });
