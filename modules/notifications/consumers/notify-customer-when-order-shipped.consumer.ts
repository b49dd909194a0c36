import { OrderStream } from '../../../proto/streams';
import { onEvent } from '../../../src/messaging/event-handler';
import { queueNotification } from '../application/queue-notification';

export const notifyCustomerWhenOrderShipped = onEvent(
  OrderStream,
  'orderShipped',
  'notify-customer-when-order-shipped',
  async (trx, event, envelope) => {
    await queueNotification(
      trx,
      event.customerId ?? '',
      { template: 'order-shipped', data: { orderId: event.orderId ?? '', trackingNumber: event.trackingNumber ?? '' } },
      envelope.eventId,
    );
  },
);
