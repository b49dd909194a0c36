import { OrderStream } from '../../../proto/streams';
import type { Logger } from '../../../src/logging/logger';
import { onEvent } from '../../../src/messaging/event-handler';
import { fieldsOf } from '../../../src/messaging/event-fields';
import { closeOrder } from '../application/close-order';

export const refundPaymentWhenOrderCancelled = (logger: Logger) =>
  onEvent(OrderStream, 'orderCancelled', 'refund-payment-when-order-cancelled', async (trx, event) => {
    const fields = fieldsOf(event);
    await closeOrder(trx, logger, {
      orderId: fields.uuid('orderId'),
      customerId: fields.uuid('customerId'),
      reason: 'order_cancelled',
      refundExpected: fields.flag('refundRequired'),
    });
  });
