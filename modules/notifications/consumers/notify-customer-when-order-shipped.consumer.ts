import { OrderStream } from '../../../proto/streams';
import { notifyWhen } from '../application/notify-when';

export const notifyCustomerWhenOrderShipped = notifyWhen(OrderStream, 'orderShipped', 'notify-customer-when-order-shipped', (event) => ({
  userId: event.uuid('customerId'),
  message: { template: 'order-shipped', data: { orderId: event.uuid('orderId'), trackingNumber: event.text('trackingNumber') } },
}));
