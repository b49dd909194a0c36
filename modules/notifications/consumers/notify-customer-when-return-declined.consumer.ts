import { OrderStream } from '../../../proto/streams';
import { notifyWhen } from '../application/notify-when';

export const notifyCustomerWhenReturnDeclined = notifyWhen(OrderStream, 'returnDeclined', 'notify-customer-when-return-declined', (event) => ({
  userId: event.uuid('customerId'),
  message: { template: 'return-update', data: { orderId: event.uuid('orderId'), returnId: event.uuid('returnId'), status: 'DECLINED', items: [], reason: event.text('reason') } },
}));
