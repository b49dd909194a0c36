import { PaymentStream } from '../../../proto/streams';
import { onEvents } from '../../../src/messaging/event-handler';
import { fieldsOf } from '../../../src/messaging/event-fields';
import { recordRefunds } from '../application/returns/record-refund';

export const recordRefundWhenPaymentRefunded = onEvents(PaymentStream, 'paymentRefunded', 'record-refund-when-payment-refunded', async (trx, events) => {
  await recordRefunds(
    trx,
    events.map(({ payload, cause }) => {
      const fields = fieldsOf(payload);
      const amount = fields.money('amount');
      return {
        orderId: fields.uuid('orderId'),
        refundId: fields.uuid('refundId'),
        returnId: fields.optionalUuid('returnId'),
        amountMinor: amount.amountMinor,
        currency: amount.currency,
        totalRefundedMinor: fields.money('totalRefunded').amountMinor,
        cause,
      };
    }),
  );
});
