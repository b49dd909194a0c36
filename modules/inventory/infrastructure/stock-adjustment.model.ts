import { Model, snakeCaseMappers } from 'objection';
import type { AdjustmentReason } from '../domain/stock-adjustment';

export class StockAdjustmentModel extends Model {
  static override tableName = 'stock_adjustments';
  static override get columnNameMappers() {
    return snakeCaseMappers();
  }

  id!: string;
  productId!: string;
  delta!: number;
  reason!: AdjustmentReason;
  note!: string | null;
  orderId!: string | null;
  actorUserId!: string | null;
  idempotencyKey!: string | null;
  onHandAfter!: number;
  reservedAfter!: number;
  createdAt!: Date;
}
