import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { Principal } from '../../../src/auth/access-tokens';
import { isUniqueViolation } from '../../../src/db/database';
import { IdempotencyKeyErrors, optionalIdempotencyKey } from '../../../src/http/idempotency-key';
import { requestFingerprint } from '../../../src/http/request-fingerprint';
import { isUuid } from '../../../src/validation/uuid';
import { isCaptured } from '../domain/payment-status';
import { PaymentErrors } from '../domain/payments.errors';
import { decideRefundAmount, refundableCents } from '../domain/refund-amount';
import { PayableOrderModel } from '../infrastructure/payable-order.model';
import { PaymentModel } from '../infrastructure/payment.model';
import { RefundModel } from '../infrastructure/refund.model';
import type { ProcessRefund } from './process-refund';

export interface RefundPaymentCommand {
  caller: Principal;
  paymentId: string;
  idempotencyKey: string | undefined;
  amountCents?: number;
  reason?: string;
}

export interface RefundPaymentResult {
  refund: RefundModel;
  created: boolean;
}

/**
 * An admin gives back part or all of a captured payment. The refund is owed (PENDING) once its transaction
 * commits, so the amount can never be promised twice; the provider is then asked outside the transaction.
 */
export class RefundPayment {
  constructor(
    private readonly db: Knex,
    private readonly processRefund: ProcessRefund,
  ) {}

  async execute(command: RefundPaymentCommand): Promise<RefundPaymentResult> {
    const idempotencyKey = optionalIdempotencyKey(command.idempotencyKey);
    if (!isUuid(command.paymentId)) throw PaymentErrors.paymentNotFound();
    const fingerprint = requestFingerprint({ amountCents: command.amountCents, reason: command.reason });

    let owed: { refund: RefundModel; created: boolean };
    try {
      owed = await this.db.transaction((trx) => this.owe(trx, command, idempotencyKey, fingerprint));
    } catch (error) {
      if (!idempotencyKey || !isUniqueViolation(error, 'refunds_idempotency_key_unique')) throw error;
      const winner = await RefundModel.query(this.db).findOne({ payment_id: command.paymentId, idempotency_key: idempotencyKey });
      owed = { refund: this.sameRequest(winner!, fingerprint), created: false };
    }
    const refund = owed.refund.status === 'PENDING' ? await this.processRefund.execute(owed.refund.id) : owed.refund;
    return { refund, created: owed.created };
  }

  private async owe(
    trx: Knex.Transaction,
    command: RefundPaymentCommand,
    idempotencyKey: string | undefined,
    fingerprint: string,
  ): Promise<{ refund: RefundModel; created: boolean }> {
    const found = await PaymentModel.query(trx).findById(command.paymentId);
    if (!found) throw PaymentErrors.paymentNotFound();
    await PayableOrderModel.query(trx).findById(found.orderId).forUpdate();
    const payment = await PaymentModel.query(trx).findById(command.paymentId).forUpdate().throwIfNotFound();

    if (idempotencyKey) {
      const earlier = await RefundModel.query(trx).findOne({ payment_id: payment.id, idempotency_key: idempotencyKey });
      if (earlier) return { refund: this.sameRequest(earlier, fingerprint), created: false };
    }
    if (!isCaptured(payment.status)) throw PaymentErrors.paymentNotCaptured(payment.status);

    const refunds = await RefundModel.query(trx).where('payment_id', payment.id);
    const refundable = refundableCents(payment.amountCents, refunds.map((r) => r.amountCents));
    const amountCents = decideRefundAmount(command.amountCents, refundable);
    const refund = await RefundModel.query(trx).insertAndFetch({
      id: randomUUID(),
      paymentId: payment.id,
      amountCents,
      currency: payment.currency,
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

  private sameRequest(earlier: RefundModel, fingerprint: string): RefundModel {
    if (earlier.requestFingerprint !== fingerprint) throw IdempotencyKeyErrors.reused();
    return earlier;
  }
}
