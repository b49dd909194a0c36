import { OrderStream } from '../../../proto/streams';
import { notifyWhen } from '../application/notify-when';
import { parcelItem } from '../application/parcel-items';

export const notifyCustomerWhenFulfilmentShipped = notifyWhen(OrderStream, 'fulfilmentShipped', 'notify-customer-when-fulfilment-shipped', (event) => {
  const trackingUrl = event.optionalText('trackingUrl');
  return {
    userId: event.uuid('customerId'),
    message: {
      template: 'parcel-shipped',
      data: {
        orderId: event.uuid('orderId'),
        carrier: event.optionalText('carrier') ?? '',
        trackingNumber: event.text('trackingNumber'),
        ...(trackingUrl ? { trackingUrl } : {}),
        items: event.list('lines', parcelItem),
      },
    },
  };
});
