import { available, type StockLevel } from './stock-level';
import type { AdjustmentReason } from './stock-adjustment';

/** A variant's stock at one location, with what the location is to allocation (priority, active). */
export interface LocationStock extends StockLevel {
  locationId: string;
  code: string;
  priority: number;
  active: boolean;
}

/**
 * A variant's stock: its level at each location, the totals over them, the threshold under which it counts as
 * low, and the version readers compare. The stock row is locked for any change of any of its levels.
 */
export interface StockItem extends StockLevel {
  variantId: string;
  productId: string;
  sku: string;
  lowStockThreshold: number;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  /** Where the variant is stocked, by priority (lowest first), then code. */
  levels: LocationStock[];
}

/** One recorded move of a variant's stock at a location, with the variant's totals it left. */
export interface StockAdjustmentRecord {
  id: string;
  variantId: string;
  locationId: string;
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

/** What new orders can be promised: the free stock at active locations (inactive ones are never allocated). */
export function sellable(item: Pick<StockItem, 'levels'>): number {
  return item.levels.filter((level) => level.active).reduce((sum, level) => sum + Math.max(0, available(level)), 0);
}

/**
 * The item after moving units at one location (on hand and reserved by the deltas), its totals following and its
 * version one higher. A location the item has no level at yet starts from nothing.
 */
export function moveAt(item: StockItem, location: Omit<LocationStock, 'onHand' | 'reserved'>, delta: { onHand: number; reserved: number }): StockItem {
  const current = item.levels.find((level) => level.locationId === location.locationId) ?? { ...location, onHand: 0, reserved: 0 };
  const moved = { ...current, onHand: current.onHand + delta.onHand, reserved: current.reserved + delta.reserved };
  const levels = [...item.levels.filter((level) => level.locationId !== location.locationId), moved].sort(byPriority);
  return { ...item, levels, onHand: item.onHand + delta.onHand, reserved: item.reserved + delta.reserved, version: item.version + 1 };
}

export function byPriority(a: Pick<LocationStock, 'priority' | 'code'>, b: Pick<LocationStock, 'priority' | 'code'>): number {
  return a.priority - b.priority || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}
