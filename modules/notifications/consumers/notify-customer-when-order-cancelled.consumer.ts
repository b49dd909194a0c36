import { OrderStream } from '../../../proto/streams';
import { notifyWhen } from '../application/notify-when';

export const notifyCustomerWhenOrderCancelled = notifyWhen(OrderStream, 'orderCancelled', 'notify-customer-when-order-cancelled', (event) => ({
  userId: event.uuid('customerId'),
  message: {
    template: 'order-cancelled',
    data: { orderId: event.uuid('orderId'), reason: event.text('reason'), refundRequired: event.flag('refundRequired') },
  },
}));
