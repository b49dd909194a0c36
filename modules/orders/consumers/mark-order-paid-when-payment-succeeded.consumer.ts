import { PaymentStream } from '../../../proto/streams';
import { onEvents } from '../../../src/messaging/event-handler';
import { requiredEventUuid } from '../../../src/messaging/event-fields';
import { requiredEventMoney } from '../../../src/messaging/event-money';
import { acceptPayments } from '../application/accept-payment';
import { refuseByKey } from '../../../src/messaging/refuse-by-key';

export const markOrderPaidWhenPaymentSucceeded = onEvents(
  PaymentStream,
  'paymentSucceeded',
  'mark-order-paid-when-payment-succeeded',
  async (trx, events, effects) => {
    const orderIdOf = (event: (typeof events)[number]) => event.payload.orderId || event.envelope.aggregateId;
    const notApplied = await acceptPayments(
      trx,
      events.map((event) => ({
        orderId: orderIdOf(event),
        source: { eventId: event.envelope.eventId, eventType: 'PaymentSucceeded' },
        cause: event.cause,
        payment: {
          paymentId: requiredEventUuid(event.payload.paymentId, 'the payment id'),
          amount: requiredEventMoney(event.payload.amount, 'the amount paid'),
        },
      })),
    );
    refuseByKey(events, orderIdOf, notApplied, effects);
  },
);
