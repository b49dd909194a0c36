import { OrderStream } from '../../../proto/streams';
import type { Logger } from '../../../src/logging/logger';
import { onEvent } from '../../../src/messaging/event-handler';
import { fieldsOf } from '../../../src/messaging/event-fields';
import { refundReturn } from '../application/refund-return';

export const refundReturnWhenReturnReceived = (logger: Logger) =>
  onEvent(OrderStream, 'returnReceived', 'refund-return-when-return-received', async (trx, payload, _envelope, effects) => {
    const fields = fieldsOf(payload);
    const amount = fields.money('refund');
    const why = await refundReturn(trx, logger, {
      orderId: fields.uuid('orderId'),
      customerId: fields.uuid('customerId'),
      returnId: fields.uuid('returnId'),
      paymentId: fields.uuid('paymentId'),
      amountCents: amount.amountMinor,
    });
    if (why) effects.refuse(why);
  });
