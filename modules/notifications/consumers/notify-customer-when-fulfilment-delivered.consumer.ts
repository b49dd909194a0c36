import { OrderStream } from '../../../proto/streams';
import { notifyWhen } from '../application/notify-when';
import { parcelItem } from '../application/parcel-items';

export const notifyCustomerWhenFulfilmentDelivered = notifyWhen(OrderStream, 'fulfilmentDelivered', 'notify-customer-when-fulfilment-delivered', (event) => ({
  userId: event.uuid('customerId'),
  message: { template: 'parcel-delivered', data: { orderId: event.uuid('orderId'), items: event.list('lines', parcelItem) } },
}));
