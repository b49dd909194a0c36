import { OrderStream } from '../../../proto/streams';
import { notifyWhen } from '../application/notify-when';

export const notifyCustomerWhenOrderRejected = notifyWhen(OrderStream, 'orderRejected', 'notify-customer-when-order-rejected', (event) => ({
  userId: event.customerId,
  message: { template: 'order-rejected', data: { orderId: event.orderId ?? '', reason: event.reason ?? '' } },
}));
