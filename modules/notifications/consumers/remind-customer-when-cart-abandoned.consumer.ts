import { CartStream } from '../../../proto/streams';
import { notifyWhen } from '../application/notify-when';

export const remindCustomerWhenCartAbandoned = notifyWhen(CartStream, 'cartAbandoned', 'remind-customer-when-cart-abandoned', (event) => ({
  userId: event.uuid('customerId'),
  message: {
    template: 'cart-reminder',
    data: {
      cartId: event.uuid('cartId'),
      lines: event.list('lines', (line) => ({ name: line.optionalText('name') ?? 'Item', quantity: line.count('quantity'), lineTotal: line.money('lineTotal') })),
      subtotal: event.money('subtotal'),
    },
  },
}));
