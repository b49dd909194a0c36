import fc from 'fast-check';
import type { OrderLine } from '../../domain/order';
import { paidForUnits, refundForReturn, refundForUnits } from '../../domain/returns/refund-for-return';

const line = (over: Partial<OrderLine> = {}): OrderLine => ({
  productId: 'p',
  variantId: 'v',
  sku: 'S',
  name: 'Shirt',
  options: [],
  quantity: 3,
  unitPriceCents: 1999,
  lineTotalCents: 5997,
  discountCents: 600,
  tax: { taxClass: 'standard', basisPoints: 1900, country: 'DE', region: null, amountMinor: 1025 },
  ...over,
});

describe('what a return gives back', () => {
  it('gives back a unit price less its discount share plus its tax share, rounded down per cumulative unit count', () => {
    // 1 of 3: 1999 − floor(600/3) + floor(1025/3) = 1999 − 200 + 341
    expect(refundForUnits(line(), 0, 1, false)).toBe(2140);
    // then the other 2: 3 units paid (5997 − 600 + 1025 = 6422) less the first unit's 2140
    expect(refundForUnits(line(), 1, 2, false)).toBe(4282);
  });

  it('adds no tax where prices include it: the unit price already holds it', () => {
    expect(refundForUnits(line(), 0, 1, true)).toBe(1999 - 200);
  });

  it('gives back exactly what a line was paid, to the minor unit, however its units come back', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 5_000_000 }),
        fc.boolean(),
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 40 }),
        (quantity, unit, discountPercent, tax, included, chunks) => {
          const total = quantity * unit;
          const l = line({ quantity, unitPriceCents: unit, lineTotalCents: total, discountCents: Math.floor((total * discountPercent) / 100), tax: tax === 0 ? null : { ...line().tax!, amountMinor: tax } });
          let returned = 0;
          let refunded = 0;
          for (const chunk of chunks) {
            const units = Math.min(chunk, quantity - returned);
            if (units === 0) break;
            const refund = refundForUnits(l, returned, units, included);
            expect(refund).toBeGreaterThanOrEqual(0);
            refunded += refund;
            returned += units;
          }
          expect(refunded).toBe(paidForUnits(l, returned, included));
          if (returned === quantity) expect(refunded).toBe(total - l.discountCents + (included ? 0 : (l.tax?.amountMinor ?? 0)));
        },
      ),
    );
  });

  it('refunds shipping once, and only when asked', () => {
    const order = {
      lines: [line()],
      shipping: { optionId: 'o', name: 'Standard', priceCents: 490, tax: { taxClass: 'standard' as const, basisPoints: 1900, country: 'DE', region: null, amountMinor: 93 } },
      pricesIncludeTax: false,
      currency: 'EUR',
    };
    const units = [{ variantId: 'v', quantity: 1 }];
    expect(refundForReturn(order, units, new Map(), { refund: true, alreadyRefunded: false })).toMatchObject({ shippingMinor: 583, totalMinor: 2140 + 583 });
    expect(refundForReturn(order, units, new Map(), { refund: true, alreadyRefunded: true })).toMatchObject({ shippingMinor: 0, totalMinor: 2140 });
    expect(refundForReturn(order, units, new Map([['v', 2]]), { refund: false, alreadyRefunded: false }).totalMinor).toBe(6422 - 4281);
  });
});
