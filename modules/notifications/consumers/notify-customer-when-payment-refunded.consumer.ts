import { PaymentStream } from '../../../proto/streams';
import { onEvent } from '../../../src/messaging/event-handler';
import { queueNotification } from '../application/queue-notification';
import { requiredMoney } from './event-fields';

export const notifyCustomerWhenPaymentRefunded = onEvent(
  PaymentStream,
  'paymentRefunded',
  'notify-customer-when-payment-refunded',
  async (trx, event, envelope) => {
    const amount = requiredMoney(event.amount, 'refund amount');
    await queueNotification(
      trx,
      event.customerId ?? '',
      {
        template: 'payment-refunded',
        data: {
          orderId: event.orderId ?? '',
          amount,
          totalRefunded: event.totalRefunded ? requiredMoney(event.totalRefunded, 'total refunded') : amount,
          reason: event.reason ?? '',
        },
      },
      envelope.eventId,
    );
  },
);
