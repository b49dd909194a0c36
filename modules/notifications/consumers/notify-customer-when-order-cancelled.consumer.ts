import { OrderStream } from '../../../proto/streams';
import { onEvent } from '../../../src/messaging/event-handler';
import { queueNotification } from '../application/queue-notification';

export const notifyCustomerWhenOrderCancelled = onEvent(
  OrderStream,
  'orderCancelled',
  'notify-customer-when-order-cancelled',
  async (trx, event, envelope) => {
    await queueNotification(
      trx,
      event.customerId ?? '',
      {
        template: 'order-cancelled',
        data: { orderId: event.orderId ?? '', reason: event.reason ?? '', refundRequired: event.refundRequired ?? false },
      },
      envelope.eventId,
    );
  },
);
