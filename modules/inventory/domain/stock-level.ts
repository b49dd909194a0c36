export interface StockLevel {
  onHand: number;
  reserved: number;
}

/** What can still be promised to new orders. */
export function available(level: StockLevel): number {
  return level.onHand - level.reserved;
}

/** At or below the item's threshold; the repository's `lowStock` filter is the same rule in SQL. */
export function isLowStock(level: StockLevel, threshold: number): boolean {
  return available(level) <= threshold;
}

/** What anyone may know of a product's stock: whether it can be ordered, not how many units there are. */
export type Availability = 'IN_STOCK' | 'LOW_STOCK' | 'OUT_OF_STOCK';

export function availabilityOf(level: StockLevel, threshold: number): Availability {
  if (available(level) <= 0) return 'OUT_OF_STOCK';
  return isLowStock(level, threshold) ? 'LOW_STOCK' : 'IN_STOCK';
}
