import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Knex } from 'knex';
import type { Principal } from '../../../src/auth/access-tokens';
import { isUniqueViolation } from '../../../src/db/database';
import { IdempotencyKeyErrors, requiredIdempotencyKey } from '../../../src/http/idempotency-key';
import { requestFingerprint } from '../../../src/http/request-fingerprint';
import type { Logger } from '../../../src/logging/logger';
import { isUuid } from '../../../src/validation/uuid';
import { canBePaid } from '../domain/payable-order-status';
import { PaymentMethodRejectedError, type PaymentProvider } from '../domain/payment-provider';
import { PaymentErrors } from '../domain/payments.errors';
import { PayableOrderModel } from '../infrastructure/payable-order.model';
import { PaymentModel } from '../infrastructure/payment.model';
import type { Config } from '../../../src/config/config';
import type { ProcessRefund } from './process-refund';
import { settleCharge } from './settle-charge';

export interface PayForOrderCommand {
  caller: Principal;
  idempotencyKey: string | undefined;
  orderId: string;
  paymentMethod: { type: 'card'; token: string };
}

export interface PayForOrderResult {
  payment: PaymentModel;
  /** False when the Idempotency-Key named an earlier request: the same payment is returned. */
  created: boolean;
}

const SETTLE_POLL_MS = 100;

/**
 * Charges an order the amount this module knows from its read model. The attempt is recorded (PROCESSING)
 * in a first transaction holding the order's row lock, the provider is called with no transaction open,
 * and the outcome is recorded with its event in a second transaction.
 */
export class PayForOrder {
  constructor(
    private readonly db: Knex,
    private readonly provider: PaymentProvider,
    private readonly config: Config['payments'],
    private readonly processRefund: ProcessRefund,
    private readonly logger: Logger,
  ) {}

  async execute(command: PayForOrderCommand): Promise<PayForOrderResult> {
    const idempotencyKey = requiredIdempotencyKey(command.idempotencyKey);
    if (!isUuid(command.orderId)) throw PaymentErrors.invalidOrderId();
    const fingerprint = requestFingerprint({ orderId: command.orderId, paymentMethod: command.paymentMethod });

    const earlier = await this.findByKey(command.caller.userId, idempotencyKey);
    if (earlier) return this.replay(earlier, fingerprint, command);

    let started: { attempt: PaymentModel } | { earlier: PaymentModel };
    try {
      started = await this.db.transaction((trx) => this.startAttempt(trx, command, idempotencyKey, fingerprint));
    } catch (error) {
      if (!isUniqueViolation(error, 'payments_idempotency_key_unique')) throw error;
      const winner = await this.findByKey(command.caller.userId, idempotencyKey);
      return this.replay(winner!, fingerprint, command);
    }
    if ('earlier' in started) return this.replay(started.earlier, fingerprint, command);
    return { payment: await this.charge(started.attempt, command.paymentMethod.token), created: true };
  }

  private async startAttempt(
    trx: Knex.Transaction,
    command: PayForOrderCommand,
    idempotencyKey: string,
    fingerprint: string,
  ): Promise<{ attempt: PaymentModel } | { earlier: PaymentModel }> {
    const { caller, orderId } = command;
    const order = await PayableOrderModel.query(trx).findById(orderId).forUpdate();
    if (!order || (caller.role !== 'admin' && order.customerId !== caller.userId)) throw PaymentErrors.orderNotFound();

    // Under the order's lock: a concurrent request with the same key has committed by now, or not started.
    const earlier = await PaymentModel.query(trx).findOne({ requested_by: caller.userId, idempotency_key: idempotencyKey });
    if (earlier) return { earlier };

    const live = await PaymentModel.query(trx).findOne({ order_id: orderId }).whereNot('status', 'FAILED');
    if (live?.status === 'PROCESSING') throw PaymentErrors.paymentInProgress(live.id);
    if (live) throw PaymentErrors.orderNotPayable('PAID', { paymentId: live.id });
    if (!canBePaid(order, new Date()) || !order.amountCents || !order.currency) {
      throw PaymentErrors.orderNotPayable(order.status === 'PAYABLE' ? 'PAYMENT_WINDOW_CLOSED' : order.status);
    }

    const attempt = await PaymentModel.query(trx).insertAndFetch({
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

  private async charge(attempt: PaymentModel, token: string): Promise<PaymentModel> {
    let result;
    try {
      result = await this.provider.charge({
        amountCents: attempt.amountCents,
        currency: attempt.currency,
        token,
        idempotencyKey: attempt.id,
      });
    } catch (error) {
      if (error instanceof PaymentMethodRejectedError) {
        // Nothing was charged and no event was recorded: the attempt leaves no trace, as if refused up front.
        await PaymentModel.query(this.db).delete().where({ id: attempt.id, status: 'PROCESSING' });
        throw PaymentErrors.invalidPaymentMethod();
      }
      this.logger.warn({ err: error, paymentId: attempt.id }, 'charge outcome unknown; the payment stays processing until reconciled');
      throw PaymentErrors.processorTimeout(attempt.id, Math.ceil(this.config.providerTimeoutMs / 1000));
    }
    const { payment, owedRefundId } = await settleCharge(this.db, attempt.id, result);
    if (owedRefundId) await this.processRefund.execute(owedRefundId);
    return payment;
  }

  /** A repeated request: the same body gets the same payment, a different body is refused. */
  private async replay(earlier: PaymentModel, fingerprint: string, command: PayForOrderCommand): Promise<PayForOrderResult> {
    if (earlier.requestFingerprint !== fingerprint) throw IdempotencyKeyErrors.reused();
    if (earlier.status !== 'PROCESSING') return { payment: earlier, created: false };

    const age = () => Date.now() - earlier.createdAt.getTime();
    const inFlightFor = this.config.providerTimeoutMs + 1_000;
    while (age() < inFlightFor) {
      await sleep(SETTLE_POLL_MS);
      const current = await PaymentModel.query(this.db).findById(earlier.id);
      if (!current) return this.execute(command);
      if (current.status !== 'PROCESSING') return { payment: current, created: false };
    }
    // The first request gave up waiting on the provider. Asking again under the same provider key cannot
    // charge twice; past the reconciliation horizon only the reconciler decides, so the two never disagree.
    if (age() + this.config.providerTimeoutMs < this.config.reconcileAfterMs) {
      return { payment: await this.charge(earlier, command.paymentMethod.token), created: false };
    }
    throw PaymentErrors.processorTimeout(earlier.id, Math.ceil(this.config.workerIntervalMs / 1000));
  }

  private async findByKey(requestedBy: string, idempotencyKey: string): Promise<PaymentModel | undefined> {
    return PaymentModel.query(this.db).findOne({ requested_by: requestedBy, idempotency_key: idempotencyKey });
  }
}
