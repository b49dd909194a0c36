import { CartStream } from '../../../proto/streams';
import { onEvent } from '../../../src/messaging/event-handler';
import { requiredEventMoney } from '../../../src/messaging/event-money';
import { queueNotification } from '../application/queue-notification';

/** One reminder per CartAbandoned (orders announces each state of a cart once), on the channels the customer chose. */
export const remindCustomerWhenCartAbandoned = onEvent(CartStream, 'cartAbandoned', 'remind-customer-when-cart-abandoned', async (trx, event, envelope) => {
  const lines = (event.lines ?? []).map((line) => ({
    name: line.name || 'Item',
    quantity: line.quantity ?? 0,
    lineTotal: requiredEventMoney(line.lineTotal, 'line total'),
  }));
  await queueNotification(
    trx,
    event.customerId ?? '',
    { template: 'cart-reminder', data: { cartId: event.cartId ?? '', lines, subtotal: requiredEventMoney(event.subtotal, 'cart subtotal') } },
    envelope.eventId,
  );
});
