import { allocate, basisPointsOf, includedAt, sumMinor } from '../../../../src/money/money';
import type { TaxClass, TaxDestination, TaxRate } from './tax-rate';

/** The one rounding rule, recorded on every order: each line's (and shipping's) tax is rounded half up on its own. */
export const ROUNDING_RULE = 'half-up-per-line';

/** The tax on one line or on shipping: at which rate, and how much. */
export interface TaxLine {
  taxClass: TaxClass;
  basisPoints: number;
  country: string;
  region: string | null;
  amountMinor: number;
}

export interface LineToPrice {
  lineTotalMinor: number;
  taxClass: TaxClass;
}

export interface LineBreakdown {
  lineTotalMinor: number;
  /** This line's share of the order's discount. */
  discountMinor: number;
  /** Null where the destination is untaxed. */
  tax: TaxLine | null;
}

export interface OrderBreakdown {
  lines: LineBreakdown[];
  subtotalMinor: number;
  discountMinor: number;
  shipping: { priceMinor: number; tax: TaxLine | null } | null;
  /** All tax: added to the total, or (prices including tax) contained in it. */
  taxMinor: number;
  totalMinor: number;
  pricesIncludeTax: boolean;
  rounding: typeof ROUNDING_RULE;
}

/** A line's class has no rate at a destination that has rates. */
export class MissingTaxRateError extends Error {
  constructor(readonly taxClass: TaxClass, readonly country: string) {
    super(`no ${taxClass} tax rate for ${country}`);
  }
}

/**
 * An order's money, line by line. The discount is spread over the lines in proportion to their totals by largest
 * remainder (the shares add up to it exactly); each line is taxed on what is left of it, and shipping (where taxed)
 * at the standard rate, each rounded half up on its own. With tax-exclusive prices the tax is added:
 * `total = subtotal − discount + shipping + tax`; with prices including tax it is the part of them shown:
 * `total = subtotal − discount + shipping`. No amount is negative (the discount never exceeds the subtotal).
 */
export function breakdownOf(lines: readonly LineToPrice[], discountMinor: number, shippingMinor: number | null, destination: TaxDestination): OrderBreakdown {
  const subtotalMinor = sumMinor(lines.map((line) => line.lineTotalMinor));
  if (discountMinor > subtotalMinor) throw new RangeError('a discount cannot exceed the subtotal');
  const shares = subtotalMinor === 0 ? lines.map(() => 0) : allocate(discountMinor, lines.map((line) => line.lineTotalMinor));
  const taxed = destination.rates.size > 0;
  const taxOf = (amountMinor: number, taxClass: TaxClass): TaxLine | null => {
    if (!taxed) return null;
    const rate = rateFor(destination, taxClass);
    const amount = destination.pricesIncludeTax ? includedAt(amountMinor, rate.basisPoints) : basisPointsOf(amountMinor, rate.basisPoints);
    return { taxClass, basisPoints: rate.basisPoints, country: rate.country, region: rate.region, amountMinor: amount };
  };
  const priced = lines.map((line, i) => ({ lineTotalMinor: line.lineTotalMinor, discountMinor: shares[i], tax: taxOf(line.lineTotalMinor - shares[i], line.taxClass) }));
  const shipping = shippingMinor === null ? null : { priceMinor: shippingMinor, tax: destination.shippingTaxed ? taxOf(shippingMinor, 'standard') : null };
  const taxMinor = sumMinor([...priced.map((line) => line.tax?.amountMinor ?? 0), shipping?.tax?.amountMinor ?? 0]);
  const beforeTax = sumMinor([subtotalMinor - discountMinor, shipping?.priceMinor ?? 0]);
  return {
    lines: priced,
    subtotalMinor,
    discountMinor,
    shipping,
    taxMinor,
    totalMinor: destination.pricesIncludeTax ? beforeTax : sumMinor([beforeTax, taxMinor]),
    pricesIncludeTax: destination.pricesIncludeTax,
    rounding: ROUNDING_RULE,
  };
}

function rateFor(destination: TaxDestination, taxClass: TaxClass): TaxRate {
  const rate = destination.rates.get(taxClass);
  if (rate) return rate;
  if (taxClass === 'zero') return { country: destination.country, region: destination.region, taxClass, basisPoints: 0 };
  throw new MissingTaxRateError(taxClass, destination.country);
}
