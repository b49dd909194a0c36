import { OrderStream } from '../../../proto/streams';
import { onEvents } from '../../../src/messaging/event-handler';
import { fieldsOf } from '../../../src/messaging/event-fields';
import type { HeldCharges } from '../application/held-charges';
import { trackOrders } from '../application/track-order';

export const openPaymentWhenOrderAwaitingPayment = (heldCharges: HeldCharges) =>
  onEvents(OrderStream, 'orderAwaitingPayment', 'open-payment-when-order-awaiting-payment', async (trx, events, effects) => {
    const tracked = await trackOrders(
      trx,
      events.map(({ payload }) => {
        const fields = fieldsOf(payload);
        return {
          orderId: fields.uuid('orderId'),
          customerId: fields.uuid('customerId'),
          status: 'PAYABLE' as const,
          total: fields.optionalMoney('total'),
          paymentDueAt: fields.optionalText('paymentDueAt'),
        };
      }),
    );
    for (const [index, order] of tracked.orders.entries()) {
      const charges = tracked.heldCharges.filter((charge) => charge.orderId === order.orderId);
      if (charges.length > 0) effects.afterCommit(events[index], () => heldCharges.start(charges));
    }
  });
