import { PaymentStream } from '../../../proto/streams';
import { notifyWhen } from '../application/notify-when';

export const notifyCustomerWhenPaymentRefunded = notifyWhen(PaymentStream, 'paymentRefunded', 'notify-customer-when-payment-refunded', (event) => {
  const amount = event.money('amount');
  return {
    userId: event.uuid('customerId'),
    message: {
      template: 'payment-refunded',
      data: { orderId: event.uuid('orderId'), amount, totalRefunded: event.optionalMoney('totalRefunded') ?? amount, reason: event.text('reason') },
    },
  };
});
