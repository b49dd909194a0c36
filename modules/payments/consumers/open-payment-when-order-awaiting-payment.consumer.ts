import { OrderStream } from '../../../proto/streams';
import { onEvent } from '../../../src/messaging/event-handler';
import { optionalEventMoney } from '../../../src/messaging/event-money';
import { trackOrder } from '../application/track-order';

export const openPaymentWhenOrderAwaitingPayment = onEvent(
  OrderStream,
  'orderAwaitingPayment',
  'open-payment-when-order-awaiting-payment',
  async (trx, event) => {
    await trackOrder(trx, {
      orderId: event.orderId,
      customerId: event.customerId,
      status: 'PAYABLE',
      total: optionalEventMoney(event.total, 'the order total'),
      paymentDueAt: event.paymentDueAt,
    });
  },
);
