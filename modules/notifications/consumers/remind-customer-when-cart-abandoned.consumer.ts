import { CartStream } from '../../../proto/streams';
import { requiredEventMoney } from '../../../src/messaging/event-money';
import { notifyWhen } from '../application/notify-when';

export const remindCustomerWhenCartAbandoned = notifyWhen(CartStream, 'cartAbandoned', 'remind-customer-when-cart-abandoned', (event) => ({
  userId: event.customerId,
  message: {
    template: 'cart-reminder',
    data: {
      cartId: event.cartId ?? '',
      lines: (event.lines ?? []).map((line) => ({
        name: line.name || 'Item',
        quantity: line.quantity ?? 0,
        lineTotal: requiredEventMoney(line.lineTotal, 'line total'),
      })),
      subtotal: requiredEventMoney(event.subtotal, 'cart subtotal'),
    },
  },
}));
