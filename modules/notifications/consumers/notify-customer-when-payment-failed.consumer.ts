import { PaymentStream } from '../../../proto/streams';
import { notifyWhen } from '../application/notify-when';

export const notifyCustomerWhenPaymentFailed = notifyWhen(PaymentStream, 'paymentFailed', 'notify-customer-when-payment-failed', (event) => ({
  userId: event.uuid('customerId'),
  message: {
    template: 'payment-failed',
    data: { orderId: event.uuid('orderId'), amount: event.money('amount'), reason: event.text('reason') },
  },
}));
