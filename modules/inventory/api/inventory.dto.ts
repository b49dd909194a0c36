/**
 * A UUID.
 * @pattern ^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$
 */
export type StockProductId = string;

/**
 * Page size.
 * @isInt
 * @minimum 1
 * @maximum 100
 */
export type StockPageLimit = number;

export interface AdjustStockRequest {
  /**
   * Units added (positive) or removed (negative); never zero.
   * @isInt
   * @minimum -1000000
   * @maximum 1000000
   * @example 24
   */
  delta: number;
  /** restock (adds), damage (removes) or correction (either way). */
  reason: 'restock' | 'damage' | 'correction';
  /**
   * Free text for the audit trail.
   * @maxLength 500
   */
  note?: string | null;
}

export interface SetLowStockThresholdRequest {
  /**
   * A product is low on stock when its available units are at or below this.
   * @isInt
   * @minimum 0
   * @maximum 1000000
   */
  threshold: number;
}
