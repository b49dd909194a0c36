import { available, availabilityOf, isLowStock, type Availability } from '../domain/stock-level';
import { sellable, type StockAdjustmentRecord, type StockItem } from '../domain/stock-item';

/**
 * Availability of a variant, as anyone may see it: in stock, low (at or below the item's threshold) or out. Exact
 * counts are for admins: they would tell a competitor or a hoarder how much to take.
 */
export interface StockAvailabilityView {
  variantId: string;
  /** The product the variant belongs to. */
  productId: string;
  availability: Availability;
}

/** A variant's counts at one location. */
export interface LocationLevelView {
  locationId: string;
  code: string;
  /** Inactive locations keep what they hold and what is reserved there, but are allocated nothing new. */
  active: boolean;
  /** @isInt */
  onHand: number;
  /** @isInt */
  reserved: number;
  /** @isInt */
  available: number;
}

/** A variant's counts: the sums over its locations (`available`: what active locations can still promise). */
export interface StockLevelView {
  variantId: string;
  productId: string;
  /** @isInt */
  onHand: number;
  /** @isInt */
  reserved: number;
  /** @isInt */
  available: number;
  /** Each location the variant is stocked at, by priority. */
  locations: LocationLevelView[];
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
  variantId: string;
  /** The product the variant belongs to. */
  productId: string;
  locationId: string;
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
  return {
    variantId: item.variantId,
    productId: item.productId,
    onHand: item.onHand,
    reserved: item.reserved,
    available: sellable(item),
    locations: item.levels.map((level) => ({
      locationId: level.locationId,
      code: level.code,
      active: level.active,
      onHand: level.onHand,
      reserved: level.reserved,
      available: available(level),
    })),
  };
}

export function toStockAvailabilityView(item: StockItem): StockAvailabilityView {
  return { variantId: item.variantId, productId: item.productId, availability: availabilityOf(sellable(item), item.lowStockThreshold) };
}

export function toStockItemView(item: StockItem): StockItemView {
  return {
    ...toStockLevelView(item),
    availability: availabilityOf(sellable(item), item.lowStockThreshold),
    sku: item.sku,
    lowStockThreshold: item.lowStockThreshold,
    lowStock: isLowStock(sellable(item), item.lowStockThreshold),
    updatedAt: item.updatedAt.toISOString(),
  };
}

export function toStockAdjustmentView(adjustment: StockAdjustmentRecord, productId: string): StockAdjustmentView {
  return {
    id: adjustment.id,
    variantId: adjustment.variantId,
    productId,
    locationId: adjustment.locationId,
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
