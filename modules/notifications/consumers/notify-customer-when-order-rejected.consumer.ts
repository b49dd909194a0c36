import { OrderStream } from '../../../proto/streams';
import { notifyWhen } from '../application/notify-when';

export const notifyCustomerWhenOrderRejected = notifyWhen(OrderStream, 'orderRejected', 'notify-customer-when-order-rejected', (event) => ({
  userId: event.uuid('customerId'),
  message: { template: 'order-rejected', data: { orderId: event.uuid('orderId'), reason: event.text('reason') } },
}));
