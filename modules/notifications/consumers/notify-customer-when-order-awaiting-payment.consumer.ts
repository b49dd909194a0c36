import { OrderStream } from '../../../proto/streams';
import { onEvent } from '../../../src/messaging/event-handler';
import { queueNotification } from '../application/queue-notification';
import { requiredMoney } from './event-fields';

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
        data: { orderId: event.orderId ?? '', total: requiredMoney(event.total, 'order total'), paymentDueAt: event.paymentDueAt ?? '' },
      },
      envelope.eventId,
    );
  },
);
