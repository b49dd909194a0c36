import { available } from '../domain/stock-level';
import type { StockAdjustmentModel } from '../infrastructure/stock-adjustment.model';
import type { StockItemModel } from '../infrastructure/stock-item.model';

/** Availability of a product, as anyone may see it. */
export interface StockLevelView {
  productId: string;
  onHand: number;
  reserved: number;
  available: number;
}

/** A stock item as admins manage it. */
export interface StockItemView extends StockLevelView {
  sku: string;
  lowStockThreshold: number;
  lowStock: boolean;
  updatedAt: string;
}

export interface StockAdjustmentView {
  id: string;
  productId: string;
  delta: number;
  reason: string;
  note: string | null;
  orderId: string | null;
  actorUserId: string | null;
  onHandAfter: number;
  reservedAfter: number;
  availableAfter: number;
  createdAt: string;
}

export function toStockLevelView(item: StockItemModel): StockLevelView {
  return { productId: item.productId, onHand: item.onHand, reserved: item.reserved, available: available(item) };
}

export function toStockItemView(item: StockItemModel): StockItemView {
  return {
    ...toStockLevelView(item),
    sku: item.sku,
    lowStockThreshold: item.lowStockThreshold,
    lowStock: available(item) <= item.lowStockThreshold,
    updatedAt: item.updatedAt.toISOString(),
  };
}

export function toStockAdjustmentView(adjustment: StockAdjustmentModel): StockAdjustmentView {
  return {
    id: adjustment.id,
    productId: adjustment.productId,
    delta: adjustment.delta,
    reason: adjustment.reason,
    note: adjustment.note,
    orderId: adjustment.orderId,
    actorUserId: adjustment.actorUserId,
    onHandAfter: adjustment.onHandAfter,
    reservedAfter: adjustment.reservedAfter,
    availableAfter: adjustment.onHandAfter - adjustment.reservedAfter,
    createdAt: adjustment.createdAt.toISOString(),
  };
}
