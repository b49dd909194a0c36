import { OrderStream } from '../../../proto/streams';
import { onEvent } from '../../../src/messaging/event-handler';
import { requiredEventMoney } from '../../../src/messaging/event-money';
import { queueNotification } from '../application/queue-notification';

export const notifyCustomerWhenOrderAwaitingPayment = onEvent(
  OrderStream,
  'orderAwaitingPayment',
  'notify-customer-when-order-awaiting-payment',
  async (trx, event, envelope) => {
    await queueNotification(
      trx,
      event.customerId ?? '',
      {
        template: 'order-awaiting-payment',
        data: { orderId: event.orderId ?? '', total: requiredEventMoney(event.total, 'order total'), paymentDueAt: event.paymentDueAt ?? '' },
      },
      envelope.eventId,
    );
  },
);
