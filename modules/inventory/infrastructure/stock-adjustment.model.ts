import { Model, snakeCaseMappers } from 'objection';
import type { AdjustmentReason } from '../domain/stock-adjustment';
import type { StockAdjustmentRecord } from '../domain/stock-item';

export class StockAdjustmentModel extends Model {
  static override tableName = 'stock_adjustments';
  static override get columnNameMappers() {
    return snakeCaseMappers();
  }

  id!: string;
  variantId!: string;
  locationId!: string;
  delta!: number;
  reason!: AdjustmentReason;
  note!: string | null;
  orderId!: string | null;
  actorUserId!: string | null;
  idempotencyKey!: string | null;
  onHandAfter!: number;
  reservedAfter!: number;
  createdAt!: Date;

  toRecord(): StockAdjustmentRecord {
    const { id, variantId, locationId, delta, reason, note, orderId, actorUserId, idempotencyKey, onHandAfter, reservedAfter, createdAt } = this;
    return { id, variantId, locationId, delta, reason, note, orderId, actorUserId, idempotencyKey, onHandAfter, reservedAfter, createdAt };
  }
}
