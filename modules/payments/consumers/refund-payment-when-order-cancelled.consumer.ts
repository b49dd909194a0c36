import { OrderStream } from '../../../proto/streams';
import type { Logger } from '../../../src/logging/logger';
import { onEvent } from '../../../src/messaging/event-handler';
import { closeOrder } from '../application/close-order';

export const refundPaymentWhenOrderCancelled = (logger: Logger) =>
  onEvent(OrderStream, 'orderCancelled', 'refund-payment-when-order-cancelled', async (trx, event) => {
    await closeOrder(trx, logger, {
      orderId: event.orderId,
      customerId: event.customerId,
      reason: 'order_cancelled',
      refundExpected: event.refundRequired === true,
    });
  });
