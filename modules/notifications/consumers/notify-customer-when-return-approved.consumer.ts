import { OrderStream } from '../../../proto/streams';
import { notifyWhen } from '../application/notify-when';
import { parcelItem } from '../application/parcel-items';

export const notifyCustomerWhenReturnApproved = notifyWhen(OrderStream, 'returnApproved', 'notify-customer-when-return-approved', (event) => ({
  userId: event.uuid('customerId'),
  message: {
    template: 'return-update',
    data: { orderId: event.uuid('orderId'), returnId: event.uuid('returnId'), status: 'APPROVED', items: event.list('lines', (l) => l.optional('item', parcelItem)!) },
  },
}));
