import { lineTotalCents, orderTotal } from '../domain/order-totals';
import { normalizeItems, priceItems, type CatalogEntry } from '../domain/order-pricing';

const APPLE = '11111111-1111-4111-8111-111111111111';
const PEAR = '22222222-2222-4222-8222-222222222222';
const OLD = '33333333-3333-4333-8333-333333333333';
const GHOST = '44444444-4444-4444-8444-444444444444';

const entry = (productId: string, priceCents: number | null, currency: string | null, archived = false): CatalogEntry => ({
  productId,
  sku: `SKU-${productId.slice(0, 4)}`,
  name: `Product ${productId.slice(0, 4)}`,
  priceCents,
  currency,
  archived,
});

const catalog = new Map<string, CatalogEntry>([
  [APPLE, entry(APPLE, 199, 'EUR')],
  [PEAR, entry(PEAR, 250, 'EUR')],
  [OLD, entry(OLD, 100, 'EUR', true)],
]);

describe('order money', () => {
  it('multiplies unit price by quantity in integer cents', () => {
    expect(lineTotalCents(199, 3)).toBe(597);
  });

  it('sums the lines of one currency', () => {
    expect(
      orderTotal([
        { unitPriceCents: 199, quantity: 3, currency: 'EUR' },
        { unitPriceCents: 250, quantity: 2, currency: 'EUR' },
      ]),
    ).toEqual({ amountMinor: 1097, currency: 'EUR' });
  });

  it('refuses lines in different currencies', () => {
    expect(() =>
      orderTotal([
        { unitPriceCents: 100, quantity: 1, currency: 'EUR' },
        { unitPriceCents: 100, quantity: 1, currency: 'USD' },
      ]),
    ).toThrow(expect.objectContaining({ code: 'ORDERS.MIXED_CURRENCIES', kind: 'unprocessable' }));
  });

  it('refuses a total beyond what can be counted exactly', () => {
    expect(() => orderTotal([{ unitPriceCents: Number.MAX_SAFE_INTEGER, quantity: 2, currency: 'EUR' }])).toThrow(
      expect.objectContaining({ code: 'ORDERS.TOTAL_TOO_LARGE' }),
    );
  });
});

describe('pricing an order from the catalogue', () => {
  it('prices each line and the total from the catalogue, with names and SKUs', () => {
    const { lines, total } = priceItems(
      [
        { productId: APPLE, quantity: 3 },
        { productId: PEAR, quantity: 2 },
      ],
      catalog,
    );
    expect(lines).toEqual([
      { productId: APPLE, sku: 'SKU-1111', name: 'Product 1111', quantity: 3, unitPriceCents: 199, lineTotalCents: 597 },
      { productId: PEAR, sku: 'SKU-2222', name: 'Product 2222', quantity: 2, unitPriceCents: 250, lineTotalCents: 500 },
    ]);
    expect(total).toEqual({ amountMinor: 1097, currency: 'EUR' });
  });

  it('names unknown products', () => {
    expect(() => priceItems([{ productId: GHOST, quantity: 1 }, { productId: APPLE, quantity: 1 }], catalog)).toThrow(
      expect.objectContaining({ code: 'ORDERS.UNKNOWN_PRODUCT', details: { productIds: [GHOST] } }),
    );
  });

  it('names archived products as unavailable', () => {
    expect(() => priceItems([{ productId: OLD, quantity: 1 }], catalog)).toThrow(
      expect.objectContaining({ code: 'ORDERS.PRODUCT_UNAVAILABLE', details: { productIds: [OLD] } }),
    );
  });

  it('rejects a product repeated in two lines, naming the repeated line', () => {
    expect(() => normalizeItems([{ productId: APPLE, quantity: 1 }, { productId: APPLE.toUpperCase(), quantity: 2 }])).toThrow(
      expect.objectContaining({
        code: 'ORDERS.DUPLICATE_PRODUCT_LINE',
        kind: 'invalid',
        details: { fields: [{ field: 'items.1.productId', message: 'repeats an earlier line' }] },
      }),
    );
  });

  it.each([0, 101, 1.5, -1])('rejects quantity %p', (quantity) => {
    expect(() => normalizeItems([{ productId: APPLE, quantity }])).toThrow(expect.objectContaining({ code: 'ORDERS.INVALID_QUANTITY' }));
  });

  it('accepts quantities 1 and 100 and lower-cases product ids', () => {
    expect(normalizeItems([{ productId: APPLE.toUpperCase(), quantity: 1 }, { productId: PEAR, quantity: 100 }])).toEqual([
      { productId: APPLE, quantity: 1 },
      { productId: PEAR, quantity: 100 },
    ]);
  });
});
