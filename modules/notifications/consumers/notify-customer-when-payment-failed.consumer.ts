import { PaymentStream } from '../../../proto/streams';
import { requiredEventMoney } from '../../../src/messaging/event-money';
import { notifyWhen } from '../application/notify-when';

export const notifyCustomerWhenPaymentFailed = notifyWhen(PaymentStream, 'paymentFailed', 'notify-customer-when-payment-failed', (event) => ({
  userId: event.customerId,
  message: {
    template: 'payment-failed',
    data: { orderId: event.orderId ?? '', amount: requiredEventMoney(event.amount, 'payment amount'), reason: event.reason ?? '' },
  },
}));
