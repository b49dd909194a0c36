import type { MinorUnits } from '../../../src/money/minor-units';
import type { ProductCurrencyCode } from './product.dto';

/**
 * The variant's value of each option of the product, by option name.
 * @example { "Size": "M", "Colour": "Red" }
 */
export type OptionValuesRequest = Record<string, string>;

/**
 * Grams.
 * @isInt
 * @minimum 0
 * @maximum 1000000
 */
export type WeightGrams = number;

export interface CreateVariantRequest {
  /**
   * Stock-keeping unit, unique across the catalogue (stored upper-case). Cannot be changed later.
   * @minLength 1
   * @maxLength 64
   * @example "TEE-RED-M"
   */
  sku: string;
  /** Exactly one value of every option of the product; none for a product without options. */
  options?: OptionValuesRequest;
  priceMinor: MinorUnits;
  /** The product's currency (the default): a product's variants are priced in one currency. */
  currency?: ProductCurrencyCode;
  weightGrams?: WeightGrams | null;
  /** What the variant is taxed as (default standard). */
  taxClass?: TaxClassParam;
}

/** standard, reduced or zero: the rate each has is set per country (`/tax-regions`). */
export type TaxClassParam = 'standard' | 'reduced' | 'zero';

/** The fields to change; absent fields stay as they are, `weightGrams: null` removes the weight. */
export interface ChangeVariantRequest {
  options?: OptionValuesRequest;
  priceMinor?: MinorUnits;
  weightGrams?: WeightGrams | null;
  taxClass?: TaxClassParam;
}

export interface OptionValueRequest {
  /** The id of a value the option has (to keep or rename it); absent for a new value. */
  id?: string;
  /**
   * @minLength 1
   * @maxLength 60
   * @example "M"
   */
  value: string;
}

export interface OptionRequest {
  /**
   * @minLength 1
   * @maxLength 40
   * @example "Size"
   */
  name: string;
  /**
   * In display order. When changing an option, values left out are removed (refused while a live variant has one).
   * @minItems 1
   * @maxItems 50
   */
  values: OptionValueRequest[];
}
