import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { Principal } from '../../../src/auth/principal';
import { isUniqueViolation } from '../../../src/db/database';
import { optionalIdempotencyKey, requireSameRequest } from '../../../src/http/idempotency-key';
import { requestFingerprint } from '../../../src/http/request-fingerprint';
import { isUuid } from '../../../src/validation/uuid';
import { amountOf, type Refund } from '../domain/payment';
import { isCaptured } from '../domain/payment-status';
import { PaymentErrors } from '../domain/payments.errors';
import { decideRefundAmount, refundableCents } from '../domain/refund-amount';
import { lockPayableOrder } from '../infrastructure/payable-order.repository';
import { findPayment, lockPayment } from '../infrastructure/payment.repository';
import { findRefundByKey, insertRefund, refundsOfPayment } from '../infrastructure/refund.repository';
import type { PaymentsDependencies } from './payments-dependencies';
import { processRefund } from './process-refund';

export interface RefundPaymentCommand {
  caller: Principal;
  paymentId: string;
  idempotencyKey: string | undefined;
  amountCents?: number;
  reason?: string;
}

export interface RefundPaymentResult {
  refund: Refund;
  created: boolean;
}

/**
 * An admin gives back part or all of a captured payment. The refund is owed (PENDING) once its transaction
 * commits, so the amount can never be promised twice; the provider is then asked outside the transaction.
 */
export async function refundPayment(deps: PaymentsDependencies, command: RefundPaymentCommand): Promise<RefundPaymentResult> {
  const idempotencyKey = optionalIdempotencyKey(command.idempotencyKey);
  if (!isUuid(command.paymentId)) throw PaymentErrors.paymentNotFound();
  const fingerprint = requestFingerprint({ amountCents: command.amountCents, reason: command.reason });

  let owed: RefundPaymentResult;
  try {
    owed = await deps.db.transaction((trx) => owe(trx, command, idempotencyKey, fingerprint));
  } catch (error) {
    if (!idempotencyKey || !isUniqueViolation(error, 'refunds_idempotency_key_unique')) throw error;
    const winner = (await findRefundByKey(deps.db, command.paymentId, idempotencyKey))!;
    requireSameRequest(winner.requestFingerprint, fingerprint);
    owed = { refund: winner, created: false };
  }
  const refund = owed.refund.status === 'PENDING' ? await processRefund(deps, owed.refund.id) : owed.refund;
  return { refund, created: owed.created };
}

async function owe(
  trx: Knex.Transaction,
  command: RefundPaymentCommand,
  idempotencyKey: string | undefined,
  fingerprint: string,
): Promise<RefundPaymentResult> {
  const found = await findPayment(trx, command.paymentId);
  if (!found) throw PaymentErrors.paymentNotFound();
  await lockPayableOrder(trx, found.orderId);
  const payment = (await lockPayment(trx, command.paymentId))!;

  if (idempotencyKey) {
    const earlier = await findRefundByKey(trx, payment.id, idempotencyKey);
    if (earlier) {
      requireSameRequest(earlier.requestFingerprint, fingerprint);
      return { refund: earlier, created: false };
    }
  }
  if (!isCaptured(payment.status)) throw PaymentErrors.paymentNotCaptured(payment.status);

  const refunds = await refundsOfPayment(trx, payment.id);
  const refundable = refundableCents(amountOf(payment).amountCents, refunds.map((r) => r.amountCents));
  const amountCents = decideRefundAmount(command.amountCents, refundable);
  const refund = await insertRefund(trx, {
    id: randomUUID(),
    paymentId: payment.id,
    amountCents,
    currency: amountOf(payment).currency,
    status: 'PENDING',
    reason: command.reason ?? 'requested_by_admin',
    requestedBy: command.caller.userId,
    idempotencyKey: idempotencyKey ?? null,
    requestFingerprint: idempotencyKey ? fingerprint : null,
    // Claimed by this request: the worker leaves it alone unless this request dies before finishing it.
    attemptStartedAt: new Date(),
  });
  return { refund, created: true };
}
