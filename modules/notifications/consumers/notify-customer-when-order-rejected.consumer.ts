import { OrderStream } from '../../../proto/streams';
import { onEvent } from '../../../src/messaging/event-handler';
import { queueNotification } from '../application/queue-notification';

export const notifyCustomerWhenOrderRejected = onEvent(
  OrderStream,
  'orderRejected',
  'notify-customer-when-order-rejected',
  async (trx, event, envelope) => {
    await queueNotification(
      trx,
      event.customerId ?? '',
      { template: 'order-rejected', data: { orderId: event.orderId ?? '', reason: event.reason ?? '' } },
      envelope.eventId,
    );
  },
);
