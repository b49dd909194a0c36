import { PaymentStream } from '../../../proto/streams';
import { onEvent } from '../../../src/messaging/event-handler';
import { acceptPayment } from '../application/accept-payment';
import { minorUnits } from './event-money';

export const markOrderPaidWhenPaymentSucceeded = onEvent(
  PaymentStream,
  'paymentSucceeded',
  'mark-order-paid-when-payment-succeeded',
  async (trx, payment, envelope) => {
    await acceptPayment(trx, payment.orderId || envelope.aggregateId, { eventId: envelope.eventId, eventType: 'PaymentSucceeded' }, {
      paymentId: payment.paymentId!,
      amount: { amountMinor: minorUnits(payment.amount?.amountMinor) ?? 0, currency: payment.amount?.currency ?? '' },
    });
  },
);
