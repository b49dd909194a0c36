import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Knex } from 'knex';
import type { Principal } from '../../../src/auth/principal';
import { isUniqueViolation } from '../../../src/db/database';
import { inFewRoundTrips } from '../../../src/db/few-round-trips';
import { requiredIdempotencyKey, requireSameRequest } from '../../../src/http/idempotency-key';
import { requestFingerprint } from '../../../src/http/request-fingerprint';
import { isUuid } from '../../../src/validation/uuid';
import { canBePaid } from '../domain/payable-order-status';
import { amountOf, type Payment } from '../domain/payment';
import { PaymentErrors } from '../domain/payments.errors';
import { lockOrderIdentityStatement, lockPayableOrderStatement, payableOrderOf } from '../infrastructure/payable-order.repository';
import {
  deleteUnchargedAttempt,
  findLivePaymentStatement,
  findPayment,
  findPaymentByKey,
  findPaymentByKeyStatement,
  heldPaymentsCountOf,
  insertPaymentStatement,
  lockAndCountHeldPaymentsStatements,
  paymentOf,
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

type Started = { attempt: Payment } | { held: Payment } | { earlier: Payment };

const SETTLE_POLL_MS = 100;

/**
 * Charges an order the amount this module knows from its read model. The attempt is recorded (PROCESSING)
 * in a first transaction holding the order's row lock, the provider is called with no transaction open,
 * and the outcome is recorded with its event in a second transaction.
 *
 * A payment sent before the order can be charged is held instead (REQUIRES_ORDER when no order of the caller
 * with that id is known yet, PENDING while it waits for stock) and charged by the order's events. Whether an
 * order exists but is someone else's is never told apart from not knowing it: both are held and expire.
 */
export async function payForOrder(deps: PaymentsDependencies, command: PayForOrderCommand): Promise<PayForOrderResult> {
  const idempotencyKey = requiredIdempotencyKey(command.idempotencyKey);
  if (!isUuid(command.orderId)) throw PaymentErrors.invalidOrderId();
  const fingerprint = requestFingerprint({ orderId: command.orderId, paymentMethod: command.paymentMethod });

  let started: Started;
  try {
    started = await startAttempt(deps.db, command, idempotencyKey, fingerprint, deps.config.maxHeldPerUser);
  } catch (error) {
    if (!isUniqueViolation(error, 'payments_idempotency_key_unique')) throw error;
    const winner = await findPaymentByKey(deps.db, command.caller.userId, idempotencyKey);
    return replay(deps, winner!, fingerprint, command);
  }
  if ('earlier' in started) return replay(deps, started.earlier, fingerprint, command);
  if ('held' in started) return { payment: started.held, created: true };
  return { payment: await charge(deps, started.attempt, command.paymentMethod.token), created: true };
}

/**
 * Decides and records the request in two round trips. The first takes the caller's lock on holding payments and the
 * order's identity lock (in that order: a request waits for another of its caller before it holds anything), then
 * reads under them the order's row (locked), the caller's payment under this key, their holds and the order's live
 * charge. The second writes the payment and commits. An order's first event takes the identity lock too, so a
 * request that finds no order is seen by that event's look for held payments.
 */
async function startAttempt(db: Knex, command: PayForOrderCommand, idempotencyKey: string, fingerprint: string, maxHeld: number): Promise<Started> {
  const { caller, orderId } = command;
  const isAdmin = caller.role === 'admin';
  const request = {
    id: randomUUID(),
    orderId,
    requestedBy: caller.userId,
    requestedByAdmin: isAdmin,
    idempotencyKey,
    requestFingerprint: fingerprint,
  };
  return inFewRoundTrips(db, async (trips): Promise<Started> => {
    const [, held, , order, byKey, live] = await trips.send([
      ...lockAndCountHeldPaymentsStatements(db, caller.userId),
      lockOrderIdentityStatement(db, orderId),
      lockPayableOrderStatement(db, orderId),
      findPaymentByKeyStatement(db, caller.userId, idempotencyKey),
      findLivePaymentStatement(db, orderId),
    ]);
    const earlier = paymentOf(byKey);
    if (earlier) return { earlier };
    const insert = async (payment: Parameters<typeof insertPaymentStatement>[1]) => paymentOf((await trips.commitWith([insertPaymentStatement(db, payment)]))[0])!;

    const known = payableOrderOf(order);
    if (!known || (!isAdmin && known.customerId !== caller.userId)) {
      if (heldPaymentsCountOf(held) >= maxHeld) throw PaymentErrors.tooManyHeldPayments(maxHeld);
      return {
        held: await insert({ ...request, customerId: caller.userId, status: 'REQUIRES_ORDER', amountCents: null, currency: null, paymentMethodToken: command.paymentMethod.token }),
      };
    }
    const charged = paymentOf(live);
    if (charged?.status === 'PROCESSING') throw PaymentErrors.paymentInProgress(charged.id);
    if (charged) throw PaymentErrors.orderNotPayable('PAID', { paymentId: charged.id });
    const payment = { ...request, customerId: known.customerId, amountCents: known.amountCents, currency: known.currency };
    if (known.status === 'PENDING' && known.amountCents !== null) {
      return { held: await insert({ ...payment, status: 'PENDING', paymentMethodToken: command.paymentMethod.token }) };
    }
    if (!canBePaid(known, new Date()) || !known.amountCents || !known.currency) {
      throw PaymentErrors.orderNotPayable(known.status === 'PAYABLE' ? 'PAYMENT_WINDOW_CLOSED' : known.status);
    }
    return { attempt: await insert({ ...payment, status: 'PROCESSING', paymentMethodToken: null }) };
  });
}

async function charge(deps: PaymentsDependencies, attempt: Payment, token: string): Promise<Payment> {
  let result;
  try {
    result = await deps.provider.charge({ ...amountOf(attempt), token, idempotencyKey: attempt.id });
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
  // A held payment starts processing long after it was created: the clock starts at its last change.
  const age = () => Date.now() - earlier.updatedAt.getTime();
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
