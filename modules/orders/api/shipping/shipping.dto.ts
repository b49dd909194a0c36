import type { MinorUnits } from '../../../../src/money/minor-units';
import type { ShippingOption, ShippingZone } from '../../domain/shipping/shipping-option';

/**
 * A UUID.
 * @pattern ^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$
 */
export type ShippingId = string;

export interface ShippingZoneRequest {
  /**
   * @minLength 1
   * @maxLength 100
   * @example "Germany"
   */
  name: string;
  /**
   * ISO 3166-1 alpha-2 codes.
   * @minItems 1
   * @maxItems 250
   * @example ["DE"]
   */
  countries: string[];
  /**
   * Only postcodes starting with one of these (none: every postcode of the countries).
   * @maxItems 500
   */
  postcodePrefixes?: string[];
}

export type ChangeShippingZoneRequest = Partial<ShippingZoneRequest>;

export interface ShippingZoneResponse {
  id: string;
  name: string;
  countries: string[];
  postcodePrefixes: string[];
}

export interface WeightBandDto {
  /**
   * The band holds goods up to this weight.
   * @isInt
   * @minimum 1
   */
  upToGrams: number;
  priceMinor: MinorUnits;
}

export interface ShippingOptionRequest {
  zoneId: ShippingId;
  /**
   * @minLength 1
   * @maxLength 100
   * @example "Standard (DHL)"
   */
  name: string;
  /** The price without weight bands. */
  priceMinor: MinorUnits;
  /** @pattern ^[A-Z]{3}$ */
  currency: string;
  /** Free when the lines' subtotal (before any discount) reaches this. */
  freeAboveMinor?: MinorUnits | null;
  /**
   * Prices by the cart's weight (the variants' weights): the first band at or above it applies; heavier goods are not served.
   * @maxItems 20
   */
  weightBands?: WeightBandDto[] | null;
  /** Default true. */
  active?: boolean;
}

/** The fields to change; absent ones stay as they are. */
export interface ChangeShippingOptionRequest {
  /**
   * @minLength 1
   * @maxLength 100
   */
  name?: string;
  priceMinor?: MinorUnits;
  /** @pattern ^[A-Z]{3}$ */
  currency?: string;
  freeAboveMinor?: MinorUnits | null;
  /** @maxItems 20 */
  weightBands?: WeightBandDto[] | null;
  active?: boolean;
}

export interface ShippingOptionResponse {
  id: string;
  zoneId: string;
  name: string;
  priceMinor: MinorUnits;
  currency: string;
  freeAboveMinor: MinorUnits | null;
  weightBands: WeightBandDto[] | null;
  active: boolean;
}

export const toZoneResponse = (zone: ShippingZone): ShippingZoneResponse => ({ ...zone });
export const toOptionResponse = (option: ShippingOption): ShippingOptionResponse => ({ ...option });
