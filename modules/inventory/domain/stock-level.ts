export interface StockLevel {
  onHand: number;
  reserved: number;
}

export const DEFAULT_LOW_STOCK_THRESHOLD = 5;

/** What can still be promised to new orders. */
export function available(level: StockLevel): number {
  return level.onHand - level.reserved;
}

export function isLowStock(level: StockLevel, threshold: number): boolean {
  return available(level) <= threshold;
}
