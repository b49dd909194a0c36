import fc from 'fast-check';
import { breakdownOf, MissingTaxRateError, type LineToPrice } from '../../domain/tax/order-breakdown';
import { destinationAt, TAX_CLASSES, type TaxDestination, type TaxRegion } from '../../domain/tax/tax-rate';

const REGIONS: TaxRegion[] = [
  { id: 'de', country: 'DE', region: null, rates: { standard: 1900, reduced: 700 }, pricesIncludeTax: false, shippingTaxed: true },
  { id: 'es', country: 'ES', region: null, rates: { standard: 2100 }, pricesIncludeTax: false, shippingTaxed: true },
  { id: 'es-cn', country: 'ES', region: 'CN', rates: { standard: 700 }, pricesIncludeTax: false, shippingTaxed: false },
];

const destination = (pricesIncludeTax: boolean, shippingTaxed = true, country = 'DE'): TaxDestination => ({
  ...destinationAt(REGIONS, country, null),
  pricesIncludeTax,
  shippingTaxed,
});

const line = fc.record({ lineTotalMinor: fc.integer({ min: 0, max: 10_000_000 }), taxClass: fc.constantFrom(...TAX_CLASSES) });
const order = fc
  .record({
    lines: fc.array(line, { minLength: 1, maxLength: 12 }),
    discountPart: fc.double({ min: 0, max: 1, noNaN: true }),
    shipping: fc.option(fc.integer({ min: 0, max: 100_000 }), { nil: null }),
    rates: fc.array(fc.integer({ min: 0, max: 3000 }), { minLength: 3, maxLength: 3 }),
    pricesIncludeTax: fc.boolean(),
    shippingTaxed: fc.boolean(),
  })
  .map(({ lines, discountPart, rates, ...rest }) => {
    const subtotal = lines.reduce((sum, l) => sum + l.lineTotalMinor, 0);
    const region: TaxRegion = { id: 'xx', country: 'XX', region: null, rates: Object.fromEntries(TAX_CLASSES.map((c, i) => [c, rates[i]])), pricesIncludeTax: rest.pricesIncludeTax, shippingTaxed: rest.shippingTaxed };
    return { lines, discount: Math.floor(subtotal * discountPart), destination: destinationAt([region], 'XX', null), shipping: rest.shipping };
  });

describe('an order\'s money, line by line', () => {
  it('spreads the discount over the lines so the shares add up to it exactly, none negative', () => {
    fc.assert(
      fc.property(order, ({ lines, discount, shipping, destination: at }) => {
        const result = breakdownOf(lines, discount, shipping, at);
        expect(result.lines.reduce((sum, l) => sum + l.discountMinor, 0)).toBe(discount);
        for (const [i, l] of result.lines.entries()) {
          expect(l.discountMinor).toBeGreaterThanOrEqual(0);
          expect(l.discountMinor).toBeLessThanOrEqual(lines[i].lineTotalMinor);
        }
      }),
    );
  });

  it('makes totals the sum of their parts in both price modes, and never negative', () => {
    fc.assert(
      fc.property(order, ({ lines, discount, shipping, destination: at }) => {
        const result = breakdownOf(lines, discount, shipping, at);
        const tax = result.lines.reduce((sum, l) => sum + (l.tax?.amountMinor ?? 0), 0) + (result.shipping?.tax?.amountMinor ?? 0);
        expect(result.taxMinor).toBe(tax);
        const beforeTax = result.subtotalMinor - discount + (shipping ?? 0);
        expect(result.totalMinor).toBe(at.pricesIncludeTax ? beforeTax : beforeTax + tax);
        expect(result.totalMinor).toBeGreaterThanOrEqual(0);
        if (at.pricesIncludeTax) expect(tax).toBeLessThanOrEqual(beforeTax);
      }),
    );
  });

  it("keeps each line's tax within half a minor unit of the exact value", () => {
    fc.assert(
      fc.property(order, ({ lines, discount, shipping, destination: at }) => {
        const result = breakdownOf(lines, discount, shipping, at);
        for (const l of result.lines) {
          const taxable = l.lineTotalMinor - l.discountMinor;
          const rate = l.tax!.basisPoints / 10_000;
          const exact = at.pricesIncludeTax ? taxable - taxable / (1 + rate) : taxable * rate;
          expect(Math.abs(l.tax!.amountMinor - exact)).toBeLessThanOrEqual(0.5 + 1e-9);
        }
      }),
    );
  });

  it('taxes a German order at 19 % and 7 %, shipping at the standard rate, rounding each line half up', () => {
    const lines: LineToPrice[] = [
      { lineTotalMinor: 1050, taxClass: 'standard' },
      { lineTotalMinor: 450, taxClass: 'reduced' },
    ];
    const result = breakdownOf(lines, 150, 490, destination(false));
    expect(result.lines.map((l) => [l.discountMinor, l.tax!.amountMinor])).toEqual([
      [105, 180], // 945 × 19 % = 179.55
      [45, 28], // 405 × 7 % = 28.35
    ]);
    expect(result.shipping).toEqual({ priceMinor: 490, tax: expect.objectContaining({ taxClass: 'standard', amountMinor: 93 }) }); // 93.1
    expect(result).toMatchObject({ subtotalMinor: 1500, discountMinor: 150, taxMinor: 301, totalMinor: 1500 - 150 + 490 + 301, rounding: 'half-up-per-line' });
  });

  it('shows the tax prices include without adding it', () => {
    const result = breakdownOf([{ lineTotalMinor: 1190, taxClass: 'standard' }], 0, 0, destination(true, false));
    expect(result.lines[0].tax!.amountMinor).toBe(190);
    expect(result).toMatchObject({ taxMinor: 190, totalMinor: 1190, shipping: { priceMinor: 0, tax: null } });
  });

  it("lets a region's rate win over its country's, and leaves a destination without rates untaxed", () => {
    expect(destinationAt(REGIONS, 'ES', 'CN')).toMatchObject({ region: 'CN', shippingTaxed: false });
    expect(destinationAt(REGIONS, 'ES', 'CN').rates.get('standard')!.basisPoints).toBe(700);
    expect(destinationAt(REGIONS, 'ES', 'MD').rates.get('standard')!.basisPoints).toBe(2100);
    const untaxed = breakdownOf([{ lineTotalMinor: 1000, taxClass: 'standard' }], 0, 500, destination(false, true, 'US'));
    expect(untaxed).toMatchObject({ taxMinor: 0, totalMinor: 1500, lines: [{ tax: null }], shipping: { tax: null } });
  });

  it('refuses to price a line whose class has no rate where rates exist, and charges nothing on zero-rated goods', () => {
    expect(() => breakdownOf([{ lineTotalMinor: 1000, taxClass: 'reduced' }], 0, null, destination(false, true, 'ES'))).toThrow(MissingTaxRateError);
    expect(breakdownOf([{ lineTotalMinor: 1000, taxClass: 'zero' }], 0, null, destination(false)).lines[0].tax).toMatchObject({ basisPoints: 0, amountMinor: 0 });
  });
});
