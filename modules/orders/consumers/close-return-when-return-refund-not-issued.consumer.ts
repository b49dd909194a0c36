import { PaymentStream } from '../../../proto/streams';
import { onEvents } from '../../../src/messaging/event-handler';
import { fieldsOf } from '../../../src/messaging/event-fields';
import { recordRefundsNotIssued } from '../application/returns/record-refund';

export const closeReturnWhenReturnRefundNotIssued = onEvents(PaymentStream, 'returnRefundNotIssued', 'close-return-when-return-refund-not-issued', async (trx, events) => {
  await recordRefundsNotIssued(
    trx,
    events.map(({ payload, cause }) => {
      const fields = fieldsOf(payload);
      return { orderId: fields.uuid('orderId'), returnId: fields.uuid('returnId'), reason: fields.text('reason'), cause };
    }),
  );
});
