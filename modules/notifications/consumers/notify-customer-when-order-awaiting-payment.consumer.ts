import { OrderStream } from '../../../proto/streams';
import { requiredEventMoney } from '../../../src/messaging/event-money';
import { notifyWhen } from '../application/notify-when';

export const notifyCustomerWhenOrderAwaitingPayment = notifyWhen(OrderStream, 'orderAwaitingPayment', 'notify-customer-when-order-awaiting-payment', (event) => ({
  userId: event.customerId,
  message: {
    template: 'order-awaiting-payment',
    data: { orderId: event.orderId ?? '', total: requiredEventMoney(event.total, 'order total'), paymentDueAt: event.paymentDueAt ?? '' },
  },
}));
