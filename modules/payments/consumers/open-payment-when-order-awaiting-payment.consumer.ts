import { OrderStream } from '../../../proto/streams';
import { onEvents } from '../../../src/messaging/event-handler';
import { optionalEventMoney } from '../../../src/messaging/event-money';
import type { HeldCharges } from '../application/held-charges';
import { trackOrders } from '../application/track-order';

export const openPaymentWhenOrderAwaitingPayment = (heldCharges: HeldCharges) =>
  onEvents(OrderStream, 'orderAwaitingPayment', 'open-payment-when-order-awaiting-payment', async (trx, events, effects) => {
    const tracked = await trackOrders(
      trx,
      events.map(({ payload }) => ({
        orderId: payload.orderId,
        customerId: payload.customerId,
        status: 'PAYABLE',
        total: optionalEventMoney(payload.total, 'the order total'),
        paymentDueAt: payload.paymentDueAt,
      })),
    );
    for (const [index, order] of tracked.orders.entries()) {
      const charges = tracked.heldCharges.filter((charge) => charge.orderId === order.orderId);
      if (charges.length > 0) effects.afterCommit(events[index], () => heldCharges.start(charges));
    }
  });
