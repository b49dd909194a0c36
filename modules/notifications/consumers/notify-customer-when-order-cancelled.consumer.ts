import { OrderStream } from '../../../proto/streams';
import { notifyWhen } from '../application/notify-when';

export const notifyCustomerWhenOrderCancelled = notifyWhen(OrderStream, 'orderCancelled', 'notify-customer-when-order-cancelled', (event) => ({
  userId: event.customerId,
  message: {
    template: 'order-cancelled',
    data: { orderId: event.orderId ?? '', reason: event.reason ?? '', refundRequired: event.refundRequired ?? false },
  },
}));
