import type { FieldProblem } from '../../../../src/errors/domain-error';
import { OrderErrors } from '../orders.errors';

/** What a variant is taxed as. Each tax region has a rate per class; `zero` is 0 % where none is set. */
export const TAX_CLASSES = ['standard', 'reduced', 'zero'] as const;
export type TaxClass = (typeof TAX_CLASSES)[number];

/** A rate in basis points (1900 = 19 %) of one tax class in a country, or in a region of it. */
export interface TaxRate {
  country: string;
  region: string | null;
  taxClass: TaxClass;
  basisPoints: number;
}

/**
 * How a country, or a region of it (ISO 3166-2 subdivision code without the country, e.g. "CN" of ES-CN), taxes:
 * its rates by class, whether catalogue prices already include tax there, and whether shipping is taxed.
 */
export interface TaxRegion {
  id: string;
  country: string;
  region: string | null;
  rates: Partial<Record<TaxClass, number>>;
  pricesIncludeTax: boolean;
  shippingTaxed: boolean;
}

/** How a destination taxes, as an order is priced. */
export interface TaxDestination {
  country: string;
  region: string | null;
  rates: ReadonlyMap<TaxClass, TaxRate>;
  pricesIncludeTax: boolean;
  shippingTaxed: boolean;
}

/**
 * The taxation at an address: a region's own tax region wins over its country's. A destination no tax region
 * covers is untaxed (a shop that has not set up tax there); one covered but without a rate for a line's class
 * refuses to price it, rather than charge without the tax.
 */
export function destinationAt(regions: readonly TaxRegion[], country: string, region: string | null): TaxDestination {
  const found = (region !== null && regions.find((r) => r.country === country && r.region === region)) || regions.find((r) => r.country === country && r.region === null);
  if (!found) return { country, region, rates: new Map(), pricesIncludeTax: false, shippingTaxed: false };
  const rates = new Map<TaxClass, TaxRate>();
  for (const taxClass of TAX_CLASSES) {
    const basisPoints = found.rates[taxClass];
    if (basisPoints !== undefined) rates.set(taxClass, { country: found.country, region: found.region, taxClass, basisPoints });
  }
  return { country: found.country, region: found.region, rates, pricesIncludeTax: found.pricesIncludeTax, shippingTaxed: found.shippingTaxed };
}

export interface TaxRegionInput {
  country?: string;
  region?: string | null;
  rates?: Partial<Record<string, number>>;
  pricesIncludeTax?: boolean;
  shippingTaxed?: boolean;
}

export const MAX_BASIS_POINTS = 10_000;

export function validateTaxRegion(input: TaxRegionInput, required: boolean): Partial<Omit<TaxRegion, 'id'>> {
  const problems: FieldProblem[] = [];
  const result: Partial<Omit<TaxRegion, 'id'>> = {};
  if (input.country !== undefined || required) {
    if (typeof input.country !== 'string' || !/^[A-Z]{2}$/.test(input.country)) problems.push({ field: 'country', message: 'must be an ISO 3166-1 alpha-2 code, e.g. DE' });
    else result.country = input.country;
  }
  if (input.region !== undefined) {
    if (input.region !== null && (typeof input.region !== 'string' || !/^[A-Z0-9]{1,3}$/.test(input.region))) problems.push({ field: 'region', message: 'must be null or the 1-3 character subdivision code, e.g. CN for ES-CN' });
    else result.region = input.region;
  } else if (required) result.region = null;
  if (input.rates !== undefined || required) {
    const rates = input.rates ?? {};
    const checked: Partial<Record<TaxClass, number>> = {};
    for (const [taxClass, basisPoints] of Object.entries(rates)) {
      if (!(TAX_CLASSES as readonly string[]).includes(taxClass)) problems.push({ field: `rates.${taxClass}`, message: `is not a tax class (${TAX_CLASSES.join(', ')})` });
      else if (!Number.isInteger(basisPoints) || basisPoints! < 0 || basisPoints! > MAX_BASIS_POINTS) problems.push({ field: `rates.${taxClass}`, message: `must be basis points from 0 to ${MAX_BASIS_POINTS} (1900 = 19 %)` });
      else checked[taxClass as TaxClass] = basisPoints;
    }
    if (checked.standard === undefined && problems.length === 0) problems.push({ field: 'rates.standard', message: 'is required' });
    result.rates = checked;
  }
  if (input.pricesIncludeTax !== undefined) result.pricesIncludeTax = input.pricesIncludeTax;
  else if (required) result.pricesIncludeTax = false;
  if (input.shippingTaxed !== undefined) result.shippingTaxed = input.shippingTaxed;
  else if (required) result.shippingTaxed = true;
  if (problems.length > 0) throw OrderErrors.invalidTax(problems);
  return result;
}
