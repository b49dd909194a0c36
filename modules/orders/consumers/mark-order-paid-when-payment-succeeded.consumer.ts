import { PaymentStream } from '../../../proto/streams';
import { onEvents } from '../../../src/messaging/event-handler';
import { fieldsOf } from '../../../src/messaging/event-fields';
import { acceptPayments } from '../application/accept-payment';
import { refuseByKey } from '../../../src/messaging/refuse-by-key';

export const markOrderPaidWhenPaymentSucceeded = onEvents(
  PaymentStream,
  'paymentSucceeded',
  'mark-order-paid-when-payment-succeeded',
  async (trx, events, effects) => {
    const orderIdOf = (event: (typeof events)[number]) => fieldsOf(event.payload).uuid('orderId');
    const notApplied = await acceptPayments(
      trx,
      events.map((event) => ({
        orderId: orderIdOf(event),
        source: { eventId: event.envelope.eventId, eventType: 'PaymentSucceeded' },
        cause: event.cause,
        payment: {
          paymentId: fieldsOf(event.payload).uuid('paymentId'),
          amount: fieldsOf(event.payload).money('amount'),
        },
      })),
    );
    refuseByKey(events, orderIdOf, notApplied, effects);
  },
);
