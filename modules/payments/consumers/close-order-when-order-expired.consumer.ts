import { OrderStream } from '../../../proto/streams';
import type { Logger } from '../../../src/logging/logger';
import { onEvent } from '../../../src/messaging/event-handler';
import { closeOrder } from '../application/close-order';

export const closeOrderWhenOrderExpired = (logger: Logger) =>
  onEvent(OrderStream, 'orderExpired', 'close-order-when-order-expired', async (trx, event) => {
    await closeOrder(trx, logger, { orderId: event.orderId, customerId: event.customerId, reason: 'order_expired', refundExpected: false });
  });
