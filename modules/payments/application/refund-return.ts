import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { PaymentStream } from '../../../proto/streams';
import type { Logger } from '../../../src/logging/logger';
import { recordEvent } from '../../../src/messaging/outbox';
import { amountOf, type Refund } from '../domain/payment';
import { isCaptured } from '../domain/payment-status';
import { refundableCents } from '../domain/refund-amount';
import { lockPayableOrder } from '../infrastructure/payable-order.repository';
import { lockPayment } from '../infrastructure/payment.repository';
import { insertRefund, refundsOfPayment } from '../infrastructure/refund.repository';

export interface ReceivedReturn {
  orderId: string;
  customerId: string;
  returnId: string;
  paymentId: string;
  amountCents: number;
}

/**
 * Orders received a return: what its units were paid is owed back, capped by what the payment still holds (its
 * amount less refunds made or under way, goodwill ones included), as a PENDING refund the worker gives back.
 * Returns why nothing is owed, when nothing is; the return is then told it ends unrefunded (ReturnRefundNotIssued).
 */
export async function refundReturn(trx: Knex.Transaction, logger: Logger, received: ReceivedReturn): Promise<string | undefined> {
  await lockPayableOrder(trx, received.orderId);
  const payment = await lockPayment(trx, received.paymentId);
  if (!payment || payment.orderId !== received.orderId || !isCaptured(payment.status)) {
    logger.warn({ ...received, status: payment?.status }, 'a return was received for a payment that is not captured here; nothing to refund');
    return notIssued(trx, received, 'the payment holds nothing to refund');
  }
  const refunds = await refundsOfPayment(trx, payment.id);
  if (refunds.some((r) => r.returnId === received.returnId)) return 'the return is already refunded';
  if (received.amountCents === 0) return notIssued(trx, received, 'no units were received to refund');
  const captured = amountOf(payment);
  const amountCents = Math.min(received.amountCents, refundableCents(captured.amountCents, refunds.map((r) => r.amountCents)));
  if (amountCents === 0) return notIssued(trx, received, 'the payment was already refunded in full');
  const refund: Refund = await insertRefund(trx, {
    id: randomUUID(),
    paymentId: payment.id,
    amountCents,
    currency: captured.currency,
    status: 'PENDING',
    reason: 'return',
    returnId: received.returnId,
  });
  logger.info({ orderId: received.orderId, returnId: received.returnId, refundId: refund.id, amountCents, askedCents: received.amountCents }, 'return refund owed');
  return undefined;
}

async function notIssued(trx: Knex.Transaction, received: ReceivedReturn, reason: string): Promise<string> {
  await recordEvent(trx, PaymentStream, received.orderId, 'returnRefundNotIssued', {
    paymentId: received.paymentId,
    orderId: received.orderId,
    customerId: received.customerId,
    returnId: received.returnId,
    reason,
  });
  return reason;
}
