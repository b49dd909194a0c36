import type { StockLevel } from './stock-level';
import type { AdjustmentReason } from './stock-adjustment';

/** A product's stock row: its level, the threshold under which it counts as low, and the version readers compare. */
export interface StockItem extends StockLevel {
  productId: string;
  sku: string;
  lowStockThreshold: number;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** One recorded move of a product's stock, with the level it left. */
export interface StockAdjustmentRecord {
  id: string;
  productId: string;
  delta: number;
  reason: AdjustmentReason;
  note: string | null;
  orderId: string | null;
  actorUserId: string | null;
  idempotencyKey: string | null;
  onHandAfter: number;
  reservedAfter: number;
  createdAt: Date;
}
