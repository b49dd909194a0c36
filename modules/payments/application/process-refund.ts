import type { Knex } from 'knex';
import { PaymentStream } from '../../../proto/streams';
import type { Logger } from '../../../src/logging/logger';
import { recordEvent } from '../../../src/messaging/outbox';
import type { PaymentProvider } from '../domain/payment-provider';
import { statusAfterRefund } from '../domain/payment-status';
import { PayableOrderModel } from '../infrastructure/payable-order.model';
import { PaymentModel } from '../infrastructure/payment.model';
import { RefundModel } from '../infrastructure/refund.model';

/**
 * Gives a pending refund's money back through the provider, then records it and PaymentRefunded in one
 * transaction. The provider call happens outside any transaction and is keyed by the refund id, so running
 * this twice for one refund (a retry, two workers) gives the money back once.
 */
export class ProcessRefund {
  constructor(
    private readonly db: Knex,
    private readonly provider: PaymentProvider,
    private readonly logger: Logger,
  ) {}

  async execute(refundId: string): Promise<RefundModel> {
    const refund = await RefundModel.query(this.db).findById(refundId).throwIfNotFound();
    if (refund.status !== 'PENDING') return refund;
    const payment = await PaymentModel.query(this.db).findById(refund.paymentId).throwIfNotFound();
    let providerReference: string;
    try {
      ({ providerReference } = await this.provider.refund({
        providerReference: payment.providerReference!,
        amountCents: refund.amountCents,
        currency: refund.currency,
        idempotencyKey: refund.id,
      }));
    } catch (error) {
      this.logger.warn({ err: error, refundId, paymentId: payment.id }, 'refund not completed by the provider; it stays pending for a retry');
      return refund;
    }
    return this.complete(refundId, providerReference);
  }

  private complete(refundId: string, providerReference: string): Promise<RefundModel> {
    return this.db.transaction(async (trx) => {
      const { paymentId } = await RefundModel.query(trx).findById(refundId).throwIfNotFound();
      const { orderId } = await PaymentModel.query(trx).findById(paymentId).throwIfNotFound();
      await PayableOrderModel.query(trx).findById(orderId).forUpdate();
      const payment = await PaymentModel.query(trx).findById(paymentId).forUpdate().throwIfNotFound();
      const refund = await RefundModel.query(trx).findById(refundId).forUpdate().throwIfNotFound();
      if (refund.status !== 'PENDING') return refund;

      const now = new Date();
      const refundedCents = payment.refundedCents + refund.amountCents;
      await payment.$query(trx).patch({
        refundedCents,
        status: statusAfterRefund(payment.status, payment.amountCents, refundedCents),
        updatedAt: now,
      });
      const completed = await refund.$query(trx).patchAndFetch({ status: 'SUCCEEDED', providerReference, completedAt: now });
      await recordEvent(trx, PaymentStream, orderId, 'paymentRefunded', {
        paymentId,
        refundId,
        orderId,
        customerId: payment.customerId,
        amount: { amountMinor: refund.amountCents, currency: refund.currency },
        totalRefunded: { amountMinor: refundedCents, currency: payment.currency },
        reason: refund.reason,
      });
      return completed;
    });
  }
}
