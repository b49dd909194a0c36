import { PaymentStream } from '../../../proto/streams';
import { onEvent } from '../../../src/messaging/event-handler';
import { queueNotification } from '../application/queue-notification';
import { requiredMoney } from './event-fields';

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
        data: { orderId: event.orderId ?? '', amount: requiredMoney(event.amount, 'payment amount'), reason: event.reason ?? '' },
      },
      envelope.eventId,
    );
  },
);
