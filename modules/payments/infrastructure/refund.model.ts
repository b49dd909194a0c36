import { Model, snakeCaseMappers } from 'objection';
import type { Refund } from '../domain/payment';
import type { RefundStatus } from '../domain/refund-status';

export class RefundModel extends Model {
  static override tableName = 'refunds';
  static override get columnNameMappers() {
    return snakeCaseMappers();
  }

  id!: string;
  paymentId!: string;
  amountCents!: number;
  currency!: string;
  status!: RefundStatus;
  reason!: string;
  returnId!: string | null;
  requestedBy!: string | null;
  idempotencyKey!: string | null;
  requestFingerprint!: string | null;
  providerReference!: string | null;
  attemptStartedAt!: Date | null;
  createdAt!: Date;
  completedAt!: Date | null;

  toRefund(): Refund {
    const { id, paymentId, amountCents, currency, status, reason, returnId, requestedBy, idempotencyKey, requestFingerprint } = this;
    const { providerReference, attemptStartedAt, createdAt, completedAt } = this;
    return { id, paymentId, amountCents, currency, status, reason, returnId, requestedBy, idempotencyKey, requestFingerprint, providerReference, attemptStartedAt, createdAt, completedAt };
  }
}
