import { OrderStream } from '../../../proto/streams';
import { notifyWhen } from '../application/notify-when';
import { parcelItem } from '../application/parcel-items';

export const notifyCustomerWhenReturnReceived = notifyWhen(OrderStream, 'returnReceived', 'notify-customer-when-return-received', (event) => ({
  userId: event.uuid('customerId'),
  message: {
    template: 'return-update',
    data: {
      orderId: event.uuid('orderId'),
      returnId: event.uuid('returnId'),
      status: 'RECEIVED',
      items: event.list('lines', (l) => l.optional('item', parcelItem)!).filter((i) => i.quantity > 0),
      refund: event.money('refund'),
    },
  },
}));
