import { PaymentStream } from '../../../proto/streams';
import { onEvent } from '../../../src/messaging/event-handler';
import { requiredEventMoney } from '../../../src/messaging/event-money';
import { queueNotification } from '../application/queue-notification';

export const notifyCustomerWhenPaymentFailed = onEvent(
  PaymentStream,
  'paymentFailed',
  'notify-customer-when-payment-failed',
  async (trx, event, envelope) => {
    await queueNotification(
      trx,
      event.customerId ?? '',
      {
        template: 'payment-failed',
        data: { orderId: event.orderId ?? '', amount: requiredEventMoney(event.amount, 'payment amount'), reason: event.reason ?? '' },
      },
      envelope.eventId,
    );
  },
);
