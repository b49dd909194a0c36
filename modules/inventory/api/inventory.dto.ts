/**
 * A UUID.
 * @pattern ^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$
 */
export type StockId = string;

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
  /** The stock location the units are added at or taken from; the default location when absent. */
  locationId?: StockId;
}

export interface SetLowStockThresholdRequest {
  /**
   * A variant is low on stock when its available units are at or below this.
   * @isInt
   * @minimum 0
   * @maximum 1000000
   */
  threshold: number;
}

export interface StockLocationRequest {
  /**
   * Unique, lower-case letters, digits and '-'.
   * @pattern ^[a-zA-Z0-9][a-zA-Z0-9-]{0,39}$
   * @example "berlin-1"
   */
  code: string;
  /**
   * @minLength 1
   * @maxLength 100
   * @example "Berlin warehouse"
   */
  name: string;
  /**
   * ISO 3166-1 alpha-2.
   * @pattern ^[A-Z]{2}$
   * @example "DE"
   */
  country: string;
  /**
   * Orders are allocated to active locations with the lowest priority first (default 100).
   * @isInt
   * @minimum 0
   * @maximum 10000
   */
  priority?: number;
  /** Inactive locations are allocated nothing new (default true). */
  active?: boolean;
}

export type ChangeStockLocationRequest = Partial<StockLocationRequest>;
