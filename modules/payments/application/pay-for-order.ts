import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Knex } from 'knex';
import type { Principal } from '../../../src/auth/principal';
import { isUniqueViolation } from '../../../src/db/database';
import { requiredIdempotencyKey, requireSameRequest } from '../../../src/http/idempotency-key';
import { requestFingerprint } from '../../../src/http/request-fingerprint';
import { isUuid } from '../../../src/validation/uuid';
import { canBePaid } from '../domain/payable-order-status';
import type { Payment } from '../domain/payment';
import { PaymentErrors } from '../domain/payments.errors';
import { lockPayableOrder } from '../infrastructure/payable-order.repository';
import {
  deleteUnchargedAttempt,
  findLivePayment,
  findPayment,
  findPaymentByKey,
  insertPayment,
} from '../infrastructure/payment.repository';
import { PaymentMethodRejectedError } from './payment-provider.port';
import type { PaymentsDependencies } from './payments-dependencies';
import { settleChargeAndRefundIfOwed } from './settle-charge';

export interface PayForOrderCommand {
  caller: Principal;
  idempotencyKey: string | undefined;
  orderId: string;
  paymentMethod: { type: 'card'; token: string };
}

export interface PayForOrderResult {
  payment: Payment;
  /** False when the Idempotency-Key named an earlier request: the same payment is returned. */
  created: boolean;
}

const SETTLE_POLL_MS = 100;

/**
 * Charges an order the amount this module knows from its read model. The attempt is recorded (PROCESSING)
 * in a first transaction holding the order's row lock, the provider is called with no transaction open,
 * and the outcome is recorded with its event in a second transaction.
 */
export async function payForOrder(deps: PaymentsDependencies, command: PayForOrderCommand): Promise<PayForOrderResult> {
  const idempotencyKey = requiredIdempotencyKey(command.idempotencyKey);
  if (!isUuid(command.orderId)) throw PaymentErrors.invalidOrderId();
  const fingerprint = requestFingerprint({ orderId: command.orderId, paymentMethod: command.paymentMethod });

  const earlier = await findPaymentByKey(deps.db, command.caller.userId, idempotencyKey);
  if (earlier) return replay(deps, earlier, fingerprint, command);

  let started: { attempt: Payment } | { earlier: Payment };
  try {
    started = await deps.db.transaction((trx) => startAttempt(trx, command, idempotencyKey, fingerprint));
  } catch (error) {
    if (!isUniqueViolation(error, 'payments_idempotency_key_unique')) throw error;
    const winner = await findPaymentByKey(deps.db, command.caller.userId, idempotencyKey);
    return replay(deps, winner!, fingerprint, command);
  }
  if ('earlier' in started) return replay(deps, started.earlier, fingerprint, command);
  return { payment: await charge(deps, started.attempt, command.paymentMethod.token), created: true };
}

async function startAttempt(
  trx: Knex.Transaction,
  command: PayForOrderCommand,
  idempotencyKey: string,
  fingerprint: string,
): Promise<{ attempt: Payment } | { earlier: Payment }> {
  const { caller, orderId } = command;
  const order = await lockPayableOrder(trx, orderId);
  if (!order || (caller.role !== 'admin' && order.customerId !== caller.userId)) throw PaymentErrors.orderNotFound();

  // Under the order's lock: a concurrent request with the same key has committed by now, or not started.
  const earlier = await findPaymentByKey(trx, caller.userId, idempotencyKey);
  if (earlier) return { earlier };

  const live = await findLivePayment(trx, orderId);
  if (live?.status === 'PROCESSING') throw PaymentErrors.paymentInProgress(live.id);
  if (live) throw PaymentErrors.orderNotPayable('PAID', { paymentId: live.id });
  if (!canBePaid(order, new Date()) || !order.amountCents || !order.currency) {
    throw PaymentErrors.orderNotPayable(order.status === 'PAYABLE' ? 'PAYMENT_WINDOW_CLOSED' : order.status);
  }

  const attempt = await insertPayment(trx, {
    id: randomUUID(),
    orderId,
    customerId: order.customerId,
    requestedBy: caller.userId,
    idempotencyKey,
    requestFingerprint: fingerprint,
    status: 'PROCESSING',
    amountCents: order.amountCents,
    currency: order.currency,
  });
  return { attempt };
}

async function charge(deps: PaymentsDependencies, attempt: Payment, token: string): Promise<Payment> {
  let result;
  try {
    result = await deps.provider.charge({ amountCents: attempt.amountCents, currency: attempt.currency, token, idempotencyKey: attempt.id });
  } catch (error) {
    if (error instanceof PaymentMethodRejectedError) {
      // Nothing was charged and no event was recorded: the attempt leaves no trace, as if refused up front.
      await deleteUnchargedAttempt(deps.db, attempt.id);
      throw PaymentErrors.invalidPaymentMethod();
    }
    deps.logger.warn({ err: error, paymentId: attempt.id }, 'charge outcome unknown; the payment stays processing until reconciled');
    throw PaymentErrors.processorTimeout(attempt.id, Math.ceil(deps.config.providerTimeoutMs / 1000));
  }
  return settleChargeAndRefundIfOwed(deps, attempt.id, result);
}

/** A repeated request: the same body gets the same payment, a different body is refused. */
async function replay(deps: PaymentsDependencies, earlier: Payment, fingerprint: string, command: PayForOrderCommand): Promise<PayForOrderResult> {
  requireSameRequest(earlier.requestFingerprint, fingerprint);
  if (earlier.status !== 'PROCESSING') return { payment: earlier, created: false };

  const { config } = deps;
  const age = () => Date.now() - earlier.createdAt.getTime();
  const inFlightFor = config.providerTimeoutMs + 1_000;
  while (age() < inFlightFor) {
    await sleep(SETTLE_POLL_MS);
    const current = await findPayment(deps.db, earlier.id);
    if (!current) return payForOrder(deps, command);
    if (current.status !== 'PROCESSING') return { payment: current, created: false };
  }
  // The first request gave up waiting on the provider. Asking again under the same provider key cannot
  // charge twice; past the reconciliation horizon only the reconciler decides, so the two never disagree.
  if (age() + config.providerTimeoutMs < config.reconcileAfterMs) {
    return { payment: await charge(deps, earlier, command.paymentMethod.token), created: false };
  }
  throw PaymentErrors.processorTimeout(earlier.id, Math.ceil(config.workerIntervalMs / 1000));
}
