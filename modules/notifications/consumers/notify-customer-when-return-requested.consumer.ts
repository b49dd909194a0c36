import { OrderStream } from '../../../proto/streams';
import { notifyWhen } from '../application/notify-when';
import { parcelItem } from '../application/parcel-items';

export const notifyCustomerWhenReturnRequested = notifyWhen(OrderStream, 'returnRequested', 'notify-customer-when-return-requested', (event) => ({
  userId: event.uuid('customerId'),
  message: {
    template: 'return-update',
    data: { orderId: event.uuid('orderId'), returnId: event.uuid('returnId'), status: 'REQUESTED', items: event.list('lines', (l) => l.optional('item', parcelItem)!) },
  },
}));
