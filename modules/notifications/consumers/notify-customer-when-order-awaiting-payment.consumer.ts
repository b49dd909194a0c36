import { OrderStream } from '../../../proto/streams';
import { notifyWhen } from '../application/notify-when';

export const notifyCustomerWhenOrderAwaitingPayment = notifyWhen(OrderStream, 'orderAwaitingPayment', 'notify-customer-when-order-awaiting-payment', (event) => ({
  userId: event.uuid('customerId'),
  message: {
    template: 'order-awaiting-payment',
    data: { orderId: event.uuid('orderId'), total: event.money('total'), paymentDueAt: event.text('paymentDueAt') },
  },
}));
