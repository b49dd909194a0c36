import { PaymentStream } from '../../../proto/streams';
import { onEvent } from '../../../src/messaging/event-handler';
import { requiredEventMoney } from '../../../src/messaging/event-money';
import { queueNotification } from '../application/queue-notification';

export const notifyCustomerWhenPaymentRefunded = onEvent(
  PaymentStream,
  'paymentRefunded',
  'notify-customer-when-payment-refunded',
  async (trx, event, envelope) => {
    const amount = requiredEventMoney(event.amount, 'refund amount');
    await queueNotification(
      trx,
      event.customerId ?? '',
      {
        template: 'payment-refunded',
        data: {
          orderId: event.orderId ?? '',
          amount,
          totalRefunded: event.totalRefunded ? requiredEventMoney(event.totalRefunded, 'total refunded') : amount,
          reason: event.reason ?? '',
        },
      },
      envelope.eventId,
    );
  },
);
