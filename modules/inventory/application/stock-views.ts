import { available, availabilityOf, isLowStock, type Availability } from '../domain/stock-level';
import type { StockAdjustmentRecord, StockItem } from '../domain/stock-item';

/**
 * Availability of a product, as anyone may see it: in stock, low (at or below the item's threshold) or out. Exact
 * counts are for admins: they would tell a competitor or a hoarder how much to take.
 */
export interface StockAvailabilityView {
  productId: string;
  availability: Availability;
}

/** A product's counts. */
export interface StockLevelView {
  productId: string;
  /** @isInt */
  onHand: number;
  /** @isInt */
  reserved: number;
  /** @isInt */
  available: number;
}

/** A stock item as admins manage it. */
export interface StockItemView extends StockLevelView {
  availability: Availability;
  sku: string;
  /** @isInt */
  lowStockThreshold: number;
  lowStock: boolean;
  updatedAt: string;
}

export interface StockAdjustmentView {
  id: string;
  productId: string;
  /** @isInt */
  delta: number;
  reason: string;
  note: string | null;
  orderId: string | null;
  actorUserId: string | null;
  /** @isInt */
  onHandAfter: number;
  /** @isInt */
  reservedAfter: number;
  /** @isInt */
  availableAfter: number;
  createdAt: string;
}

export function toStockLevelView(item: StockItem): StockLevelView {
  return { productId: item.productId, onHand: item.onHand, reserved: item.reserved, available: available(item) };
}

export function toStockAvailabilityView(item: StockItem): StockAvailabilityView {
  return { productId: item.productId, availability: availabilityOf(item, item.lowStockThreshold) };
}

export function toStockItemView(item: StockItem): StockItemView {
  return {
    ...toStockLevelView(item),
    availability: availabilityOf(item, item.lowStockThreshold),
    sku: item.sku,
    lowStockThreshold: item.lowStockThreshold,
    lowStock: isLowStock(item, item.lowStockThreshold),
    updatedAt: item.updatedAt.toISOString(),
  };
}

export function toStockAdjustmentView(adjustment: StockAdjustmentRecord): StockAdjustmentView {
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
