import type { FieldProblem } from '../../../../src/errors/domain-error';
import { isAmountMinor, isCurrencyCode } from '../../../../src/money/money';
import { OrderErrors } from '../orders.errors';

/** Where a set of shipping options deliver: countries, optionally only postcodes starting with given prefixes. */
export interface ShippingZone {
  id: string;
  name: string;
  countries: string[];
  /** Empty: every postcode of the countries. */
  postcodePrefixes: string[];
}

/** A price up to a weight: the first band at or above the cart's weight applies. */
export interface WeightBand {
  upToGrams: number;
  priceMinor: number;
}

export interface ShippingOption {
  id: string;
  zoneId: string;
  name: string;
  priceMinor: number;
  currency: string;
  /** Shipping is free when the lines' subtotal (before any discount) reaches this. */
  freeAboveMinor: number | null;
  /** When set, the price comes from the band the cart's weight falls in; heavier than the last band is not served. */
  weightBands: WeightBand[] | null;
  active: boolean;
}

export interface Destination {
  country: string;
  postalCode: string;
}

/** What the cart weighs and comes to, for pricing its shipping. */
export interface ShippedGoods {
  subtotalMinor: number;
  currency: string;
  weightGrams: number;
}

const normalizePostcode = (postcode: string) => postcode.replace(/\s+/g, '').toUpperCase();

export function zoneServes(zone: ShippingZone, to: Destination): boolean {
  if (!zone.countries.includes(to.country)) return false;
  if (zone.postcodePrefixes.length === 0) return true;
  const postcode = normalizePostcode(to.postalCode);
  return zone.postcodePrefixes.some((prefix) => postcode.startsWith(normalizePostcode(prefix)));
}

/**
 * What an option charges for these goods, or why it cannot ship them: inactive, another currency, or heavier than
 * its last weight band. Free above its threshold whatever the weight band says.
 */
export function shippingPrice(option: ShippingOption, goods: ShippedGoods): { priceMinor: number } | { refused: string } {
  if (!option.active) return { refused: 'the option is switched off' };
  if (option.currency !== goods.currency) return { refused: `the option charges in ${option.currency}, the order is in ${goods.currency}` };
  if (option.freeAboveMinor !== null && goods.subtotalMinor >= option.freeAboveMinor) return { priceMinor: 0 };
  if (!option.weightBands) return { priceMinor: option.priceMinor };
  const band = [...option.weightBands].sort((a, b) => a.upToGrams - b.upToGrams).find((b) => goods.weightGrams <= b.upToGrams);
  return band ? { priceMinor: band.priceMinor } : { refused: `the goods weigh ${goods.weightGrams} g, more than the option ships` };
}

/** Each option serving the destination with its price for these goods; refused ones are left out. */
export function optionsServing(zones: readonly ShippingZone[], options: readonly ShippingOption[], to: Destination, goods: ShippedGoods): Array<{ option: ShippingOption; priceMinor: number }> {
  const serving = new Set(zones.filter((zone) => zoneServes(zone, to)).map((zone) => zone.id));
  return options
    .filter((option) => serving.has(option.zoneId))
    .flatMap((option) => {
      const price = shippingPrice(option, goods);
      return 'priceMinor' in price ? [{ option, priceMinor: price.priceMinor }] : [];
    })
    .sort((a, b) => a.priceMinor - b.priceMinor || a.option.name.localeCompare(b.option.name));
}

/**
 * The shipping of an order: the chosen option, checked against the destination and goods (422 naming why it does
 * not serve them), or none when the shop ships nothing (no active option anywhere). Once a shop has shipping, an
 * order must choose an option; the error lists those that serve it.
 */
export function chooseShipping(
  zones: readonly ShippingZone[],
  options: readonly ShippingOption[],
  chosenId: string | undefined,
  to: Destination,
  goods: ShippedGoods,
): { option: ShippingOption; priceMinor: number } | null {
  const serving = optionsServing(zones, options, to, goods);
  if (chosenId === undefined) {
    if (!options.some((option) => option.active)) return null;
    if (serving.length === 0) throw OrderErrors.addressNotServed(to.country, to.postalCode);
    throw OrderErrors.shippingOptionRequired(serving.map(({ option, priceMinor }) => ({ id: option.id, name: option.name, priceMinor })));
  }
  const option = options.find((candidate) => candidate.id === chosenId.toLowerCase());
  if (!option) throw OrderErrors.shippingOptionUnavailable(chosenId, 'no such shipping option');
  const zone = zones.find((candidate) => candidate.id === option.zoneId);
  if (!zone || !zoneServes(zone, to)) throw OrderErrors.shippingOptionUnavailable(chosenId, `it does not deliver to ${to.country} ${to.postalCode}`);
  const price = shippingPrice(option, goods);
  if ('refused' in price) throw OrderErrors.shippingOptionUnavailable(chosenId, price.refused);
  return { option, priceMinor: price.priceMinor };
}

export interface ShippingZoneInput {
  name?: string;
  countries?: string[];
  postcodePrefixes?: string[];
}

export function validateZone(input: ShippingZoneInput, required: boolean): Partial<Omit<ShippingZone, 'id'>> {
  const problems: FieldProblem[] = [];
  const result: Partial<Omit<ShippingZone, 'id'>> = {};
  if (input.name !== undefined || required) {
    const name = typeof input.name === 'string' ? input.name.trim() : '';
    if (name.length === 0 || name.length > 100) problems.push({ field: 'name', message: 'must be 1-100 characters' });
    else result.name = name;
  }
  if (input.countries !== undefined || required) {
    const countries = Array.isArray(input.countries) ? input.countries : [];
    if (countries.length === 0 || countries.length > 250 || countries.some((c) => !/^[A-Z]{2}$/.test(c))) {
      problems.push({ field: 'countries', message: 'must list 1-250 ISO 3166-1 alpha-2 codes, e.g. DE' });
    } else result.countries = [...new Set(countries)].sort();
  }
  if (input.postcodePrefixes !== undefined) {
    const prefixes = input.postcodePrefixes.map((p) => (typeof p === 'string' ? normalizePostcode(p) : ''));
    if (prefixes.length > 500 || prefixes.some((p) => !/^[A-Z0-9-]{1,10}$/.test(p))) problems.push({ field: 'postcodePrefixes', message: 'must be up to 500 prefixes of 1-10 letters, digits or -' });
    else result.postcodePrefixes = [...new Set(prefixes)].sort();
  } else if (required) result.postcodePrefixes = [];
  if (problems.length > 0) throw OrderErrors.invalidShipping(problems);
  return result;
}

export interface ShippingOptionInput {
  zoneId?: string;
  name?: string;
  priceMinor?: number;
  currency?: string;
  freeAboveMinor?: number | null;
  weightBands?: Array<{ upToGrams: number; priceMinor: number }> | null;
  active?: boolean;
}

export function validateShippingOption(input: ShippingOptionInput, required: boolean): Partial<Omit<ShippingOption, 'id'>> {
  const problems: FieldProblem[] = [];
  const result: Partial<Omit<ShippingOption, 'id'>> = {};
  if (input.name !== undefined || required) {
    const name = typeof input.name === 'string' ? input.name.trim() : '';
    if (name.length === 0 || name.length > 100) problems.push({ field: 'name', message: 'must be 1-100 characters' });
    else result.name = name;
  }
  if (input.priceMinor !== undefined || required) {
    if (!isAmountMinor(input.priceMinor)) problems.push({ field: 'priceMinor', message: 'must be a non-negative integer amount of minor units' });
    else result.priceMinor = input.priceMinor;
  }
  if (input.currency !== undefined || required) {
    if (!isCurrencyCode(input.currency)) problems.push({ field: 'currency', message: 'must be an ISO 4217 code, e.g. EUR' });
    else result.currency = input.currency;
  }
  if (input.freeAboveMinor !== undefined) {
    if (input.freeAboveMinor !== null && !isAmountMinor(input.freeAboveMinor)) problems.push({ field: 'freeAboveMinor', message: 'must be null or a non-negative integer amount' });
    else result.freeAboveMinor = input.freeAboveMinor;
  } else if (required) result.freeAboveMinor = null;
  if (input.weightBands !== undefined) {
    const bands = input.weightBands;
    if (bands === null) result.weightBands = null;
    else if (!Array.isArray(bands) || bands.length === 0 || bands.length > 20) problems.push({ field: 'weightBands', message: 'must be null or 1-20 bands' });
    else {
      bands.forEach((band, i) => {
        if (!Number.isInteger(band?.upToGrams) || band.upToGrams <= 0) problems.push({ field: `weightBands.${i}.upToGrams`, message: 'must be a positive whole number of grams' });
        if (!isAmountMinor(band?.priceMinor)) problems.push({ field: `weightBands.${i}.priceMinor`, message: 'must be a non-negative integer amount' });
      });
      if (new Set(bands.map((band) => band.upToGrams)).size !== bands.length) problems.push({ field: 'weightBands', message: 'bands must have different upToGrams' });
      result.weightBands = [...bands].sort((a, b) => a.upToGrams - b.upToGrams).map(({ upToGrams, priceMinor }) => ({ upToGrams, priceMinor }));
    }
  } else if (required) result.weightBands = null;
  if (input.active !== undefined) result.active = input.active;
  else if (required) result.active = true;
  if (problems.length > 0) throw OrderErrors.invalidShipping(problems);
  return result;
}
