import { Model, snakeCaseMappers } from 'objection';
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
  requestedBy!: string | null;
  idempotencyKey!: string | null;
  requestFingerprint!: string | null;
  providerReference!: string | null;
  attemptStartedAt!: Date | null;
  createdAt!: Date;
  completedAt!: Date | null;
}
