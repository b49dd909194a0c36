import { PaymentStream } from '../../../proto/streams';
import { onEvent } from '../../../src/messaging/event-handler';
import { requiredEventMoney } from '../../../src/messaging/event-money';
import { acceptPayment } from '../application/accept-payment';

export const markOrderPaidWhenPaymentSucceeded = onEvent(
  PaymentStream,
  'paymentSucceeded',
  'mark-order-paid-when-payment-succeeded',
  async (trx, payment, envelope) => {
    await acceptPayment(trx, payment.orderId || envelope.aggregateId, { eventId: envelope.eventId, eventType: 'PaymentSucceeded' }, {
      paymentId: payment.paymentId!,
      amount: requiredEventMoney(payment.amount, 'the amount paid'),
    });
  },
);
