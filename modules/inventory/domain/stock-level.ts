export interface StockLevel {
  onHand: number;
  reserved: number;
}

/** What can still be promised to new orders. */
export function available(level: StockLevel): number {
  return level.onHand - level.reserved;
}

/** At or below the item's threshold; the repository's `lowStock` filter is the same rule in SQL, over all locations. */
export function isLowStock(availableUnits: number, threshold: number): boolean {
  return availableUnits <= threshold;
}

/** What anyone may know of a variant's stock: whether it can be ordered, not how many units there are. */
export type Availability = 'IN_STOCK' | 'LOW_STOCK' | 'OUT_OF_STOCK';

export function availabilityOf(availableUnits: number, threshold: number): Availability {
  if (availableUnits <= 0) return 'OUT_OF_STOCK';
  return isLowStock(availableUnits, threshold) ? 'LOW_STOCK' : 'IN_STOCK';
}
