import type { Knex } from 'knex';
import type { StatementResult } from '../../../src/db/one-round-trip';
import type { Money } from '../../../src/money/money';
import type { OrderLine, ShippingAddress, ShippingLine } from '../domain/order';
import { linesWith, weightOf, type PricedItem } from '../domain/order-pricing';
import { OrderErrors } from '../domain/orders.errors';
import { chooseShipping, type ShippingOption, type ShippingZone } from '../domain/shipping/shipping-option';
import { breakdownOf, MissingTaxRateError, type OrderBreakdown } from '../domain/tax/order-breakdown';
import { destinationAt, type TaxRegion } from '../domain/tax/tax-rate';
import { shippingSetupOf, shippingSetupStatements } from '../infrastructure/shipping/shipping.repository';
import { taxRegionsOf, taxRegionsStatement } from '../infrastructure/tax/tax-region.repository';

/** The shop's shipping zones and options and the tax regions of the destination's country. */
export interface PricingSetup {
  zones: ShippingZone[];
  options: ShippingOption[];
  taxRegions: TaxRegion[];
}

/** What pricing an order to `country` reads, as statements to send with the order's others; `pricingSetupOf` reads them. */
export function pricingSetupStatements(db: Knex, country: string): string[] {
  return [...shippingSetupStatements(db), taxRegionsStatement(db, country)];
}

export function pricingSetupOf([zones, options, taxRegions]: readonly StatementResult[]): PricingSetup {
  return { ...shippingSetupOf([zones, options]), taxRegions: taxRegionsOf(taxRegions) };
}

export interface PricedOrder {
  lines: OrderLine[];
  shipping: ShippingLine | null;
  breakdown: OrderBreakdown;
}

/**
 * An order's lines, shipping and tax to the address: the chosen shipping option checked and priced for the goods
 * (their subtotal before discount and weight), the discount spread over the lines, and the destination's tax on
 * each line and on shipping. Refuses (422) an address no option serves, an option that cannot ship the order, and a
 * line whose tax class has no rate there — never an order priced without its tax.
 */
export function priceOrder(
  items: readonly PricedItem[],
  subtotal: Money,
  discountCents: number,
  setup: PricingSetup,
  address: ShippingAddress,
  shippingOptionId: string | undefined,
): PricedOrder {
  const shipping = chooseShipping(setup.zones, setup.options, shippingOptionId, address, { subtotalMinor: subtotal.amountMinor, currency: subtotal.currency, weightGrams: weightOf(items) });
  const destination = destinationAt(setup.taxRegions, address.country, address.region ?? null);
  let breakdown: OrderBreakdown;
  try {
    breakdown = breakdownOf(items.map((item) => ({ lineTotalMinor: item.lineTotalCents, taxClass: item.taxClass })), discountCents, shipping?.priceMinor ?? null, destination);
  } catch (error) {
    if (error instanceof MissingTaxRateError) throw OrderErrors.taxRateMissing(error.taxClass, error.country);
    throw error;
  }
  return {
    lines: linesWith(items, breakdown),
    shipping: shipping && { optionId: shipping.option.id, name: shipping.option.name, priceCents: shipping.priceMinor, tax: breakdown.shipping?.tax ?? null },
    breakdown,
  };
}

/** Refuses to charge a total the customer did not see (a price, rate or option changed): 409 with the new totals. */
export function checkExpectedTotal(expectedTotalCents: number | undefined, priced: PricedOrder, currency: string): void {
  if (expectedTotalCents === undefined || expectedTotalCents === priced.breakdown.totalMinor) return;
  const { subtotalMinor, discountMinor, taxMinor, totalMinor, pricesIncludeTax } = priced.breakdown;
  throw OrderErrors.totalChanged(expectedTotalCents, { subtotalMinor, discountMinor, shippingMinor: priced.shipping?.priceCents ?? 0, taxMinor, totalMinor, pricesIncludeTax, currency });
}
