import { Model, snakeCaseMappers } from 'objection';
import type { HeldPayment, Payment } from '../domain/payment';
import type { PaymentStatus } from '../domain/payment-status';
import { RefundModel } from './refund.model';

export class PaymentModel extends Model {
  static override tableName = 'payments';
  static override get columnNameMappers() {
    return snakeCaseMappers();
  }
  static override get relationMappings() {
    return {
      refunds: {
        relation: Model.HasManyRelation,
        modelClass: RefundModel,
        join: { from: 'payments.id', to: 'refunds.payment_id' },
      },
    };
  }

  id!: string;
  orderId!: string;
  customerId!: string;
  requestedBy!: string;
  idempotencyKey!: string;
  requestFingerprint!: string;
  requestedByAdmin!: boolean;
  status!: PaymentStatus;
  amountCents!: number | null;
  currency!: string | null;
  /** The processor's card token, kept only while the payment is held; never returned or logged. */
  paymentMethodToken?: string | null;
  refundedCents!: number;
  cardBrand!: string | null;
  cardLast4!: string | null;
  providerReference!: string | null;
  declineCode!: string | null;
  failureReason!: string | null;
  cancellationReason!: string | null;
  createdAt!: Date;
  updatedAt!: Date;
  settledAt!: Date | null;
  refunds?: RefundModel[];

  /** The payment without its card token; with its refunds when they were fetched. */
  toPayment(): Payment {
    const { id, orderId, customerId, requestedBy, idempotencyKey, requestFingerprint, requestedByAdmin, status } = this;
    const { amountCents, currency, refundedCents, cardBrand, cardLast4, providerReference, declineCode, failureReason } = this;
    const { cancellationReason, createdAt, updatedAt, settledAt, refunds } = this;
    return {
      ...{ id, orderId, customerId, requestedBy, idempotencyKey, requestFingerprint, requestedByAdmin, status },
      ...{ amountCents, currency, refundedCents, cardBrand, cardLast4, providerReference, declineCode, failureReason },
      ...{ cancellationReason, createdAt, updatedAt, settledAt },
      ...(refunds ? { refunds: refunds.map((refund) => refund.toRefund()) } : {}),
    };
  }

  toHeldPayment(): HeldPayment {
    return { ...this.toPayment(), paymentMethodToken: this.paymentMethodToken ?? null };
  }
}
