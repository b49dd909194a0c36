import { Model, snakeCaseMappers } from 'objection';
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
  status!: PaymentStatus;
  amountCents!: number;
  currency!: string;
  refundedCents!: number;
  cardBrand!: string | null;
  cardLast4!: string | null;
  providerReference!: string | null;
  declineCode!: string | null;
  failureReason!: string | null;
  createdAt!: Date;
  updatedAt!: Date;
  settledAt!: Date | null;
  refunds?: RefundModel[];
}
