import type { MinorUnits } from '../../../src/money/minor-units';
/**
 * A UUID.
 * @pattern ^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$
 * @example "3f1c6a5e-8a8b-4c5e-9a51-6f0d2a7c1b9e"
 */
export type ProductIdParam = string;


/**
 * ISO 4217 currency code.
 * @pattern ^[A-Z]{3}$
 * @example "EUR"
 */
export type ProductCurrencyCode = string;

/**
 * Page size.
 * @isInt
 * @minimum 1
 * @maximum 100
 */
export type ProductPageLimit = number;

/** `-createdAt` (newest first, the default), `price`, `-price` or `name`. */
export type ProductSortParam = '-createdAt' | 'price' | '-price' | 'name';

export interface CreateProductRequest {
  /**
   * Stock-keeping unit, unique across all products (stored upper-case). Cannot be changed later.
   * @minLength 1
   * @maxLength 64
   * @example "FV-APPLE-1KG"
   */
  sku: string;
  /**
   * @minLength 1
   * @maxLength 200
   */
  name: string;
  /** @maxLength 5000 */
  description: string;
  /** Required (or its deprecated name `priceCents`). */
  priceMinor?: MinorUnits;
  /** @deprecated Use `priceMinor`: the same amount, named as in the events. */
  priceCents?: MinorUnits;
  currency: ProductCurrencyCode;
  /**
   * @minLength 1
   * @maxLength 60
   * @example "Fruit & Veg"
   */
  category: string;
  /**
   * Absolute http(s) URL.
   * @maxLength 2048
   */
  imageUrl?: string | null;
  /** What the product's default variant is taxed as: standard (the default), reduced or zero. */
  taxClass?: 'standard' | 'reduced' | 'zero';
}

/** The fields to change; absent fields stay as they are, `imageUrl: null` removes the image. */
export interface UpdateProductRequest {
  /**
   * @minLength 1
   * @maxLength 200
   */
  name?: string;
  /** @maxLength 5000 */
  description?: string;
  priceMinor?: MinorUnits;
  /** @deprecated Use `priceMinor`: the same amount, named as in the events. */
  priceCents?: MinorUnits;
  currency?: ProductCurrencyCode;
  /**
   * @minLength 1
   * @maxLength 60
   */
  category?: string;
  /** @maxLength 2048 */
  imageUrl?: string | null;
  /**
   * The version being changed, for clients that cannot send If-Match.
   * @isInt
   * @minimum 1
   */
  version?: number;
}
