import { OrderStream } from '../../../proto/streams';
import { onEvent } from '../../../src/messaging/event-handler';
import { optionalEventMoney } from '../../../src/messaging/event-money';
import type { HeldCharges } from '../application/held-charges';
import { trackOrder } from '../application/track-order';

export const openPaymentWhenOrderAwaitingPayment = (heldCharges: HeldCharges) =>
  onEvent(OrderStream, 'orderAwaitingPayment', 'open-payment-when-order-awaiting-payment', async (trx, event, _envelope, effects) => {
    const tracked = await trackOrder(trx, {
      orderId: event.orderId,
      customerId: event.customerId,
      status: 'PAYABLE',
      total: optionalEventMoney(event.total, 'the order total'),
      paymentDueAt: event.paymentDueAt,
    });
    if (tracked.heldCharges.length > 0) effects.afterCommit(() => heldCharges.start(tracked.heldCharges));
  });
