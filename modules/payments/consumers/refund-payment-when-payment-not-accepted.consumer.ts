import { OrderStream } from '../../../proto/streams';
import type { Logger } from '../../../src/logging/logger';
import { onEvent } from '../../../src/messaging/event-handler';
import { fieldsOf } from '../../../src/messaging/event-fields';
import { refundPaymentNotAccepted } from '../application/refund-payment-not-accepted';

export const refundPaymentWhenPaymentNotAccepted = (logger: Logger) =>
  onEvent(OrderStream, 'paymentNotAccepted', 'refund-payment-when-payment-not-accepted', async (trx, event) => {
    const fields = fieldsOf(event);
    await refundPaymentNotAccepted(trx, logger, { orderId: fields.uuid('orderId'), paymentId: fields.uuid('paymentId') });
  });
