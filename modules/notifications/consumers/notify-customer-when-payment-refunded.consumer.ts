import { PaymentStream } from '../../../proto/streams';
import { requiredEventMoney } from '../../../src/messaging/event-money';
import { notifyWhen } from '../application/notify-when';

export const notifyCustomerWhenPaymentRefunded = notifyWhen(PaymentStream, 'paymentRefunded', 'notify-customer-when-payment-refunded', (event) => {
  const amount = requiredEventMoney(event.amount, 'refund amount');
  return {
    userId: event.customerId,
    message: {
      template: 'payment-refunded',
      data: {
        orderId: event.orderId ?? '',
        amount,
        totalRefunded: event.totalRefunded ? requiredEventMoney(event.totalRefunded, 'total refunded') : amount,
        reason: event.reason ?? '',
      },
    },
  };
});
