import { lineTotalCents, orderTotal } from '../domain/order-totals';
import { normalizeItems, priceItems, resolveItems, type CatalogEntry } from '../domain/order-pricing';

const APPLE = '11111111-1111-4111-8111-111111111111';
const PEAR = '22222222-2222-4222-8222-222222222222';
const OLD = '33333333-3333-4333-8333-333333333333';
const GHOST = '44444444-4444-4444-8444-444444444444';

const entry = (productId: string, priceCents: number | null, currency: string | null, archived = false): CatalogEntry => ({
  variantId: productId,
  productId,
  options: [],
  taxClass: 'standard',
  weightGrams: null,
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
        { variantId: APPLE, quantity: 3 },
        { variantId: PEAR, quantity: 2 },
      ],
      catalog,
    );
    expect(lines).toEqual([
      { productId: APPLE, variantId: APPLE, sku: 'SKU-1111', name: 'Product 1111', options: [], quantity: 3, unitPriceCents: 199, lineTotalCents: 597, taxClass: 'standard', weightGrams: null },
      { productId: PEAR, variantId: PEAR, sku: 'SKU-2222', name: 'Product 2222', options: [], quantity: 2, unitPriceCents: 250, lineTotalCents: 500, taxClass: 'standard', weightGrams: null },
    ]);
    expect(total).toEqual({ amountMinor: 1097, currency: 'EUR' });
  });

  it('names unknown products', () => {
    expect(() => priceItems([{ variantId: GHOST, quantity: 1 }, { variantId: APPLE, quantity: 1 }], catalog)).toThrow(
      expect.objectContaining({ code: 'ORDERS.UNKNOWN_PRODUCT', details: { productIds: [GHOST] } }),
    );
  });

  it('names archived products as unavailable', () => {
    expect(() => priceItems([{ variantId: OLD, quantity: 1 }], catalog)).toThrow(
      expect.objectContaining({ code: 'ORDERS.PRODUCT_UNAVAILABLE', details: { productIds: [OLD] } }),
    );
  });

  it('rejects a variant repeated in two lines, naming the repeated line', () => {
    const items = normalizeItems([{ variantId: APPLE, quantity: 1 }, { productId: APPLE.toUpperCase(), quantity: 2 }]);
    expect(() => resolveItems(items, [...catalog.values()])).toThrow(
      expect.objectContaining({
        code: 'ORDERS.DUPLICATE_PRODUCT_LINE',
        kind: 'invalid',
        details: { fields: [{ field: 'items.1.productId', message: 'repeats an earlier line' }] },
      }),
    );
  });

  it('takes a product id for its one live variant, and asks which variant when it has several', () => {
    const tee = '55555555-5555-4555-8555-555555555555';
    const medium = { ...entry('66666666-6666-4666-8666-666666666666', 1500, 'EUR'), productId: tee, options: [{ option: 'Size', value: 'M' }] };
    const large = { ...medium, variantId: '77777777-7777-4777-8777-777777777777', options: [{ option: 'Size', value: 'L' }] };
    expect(resolveItems([{ productId: tee, quantity: 1 }], [medium, { ...large, archived: true }])).toEqual([{ variantId: medium.variantId, quantity: 1 }]);
    expect(() => resolveItems([{ productId: tee, quantity: 1 }], [medium, large])).toThrow(
      expect.objectContaining({ code: 'ORDERS.VARIANT_REQUIRED', details: { choices: [{ productId: tee, variantIds: [medium.variantId, large.variantId] }] } }),
    );
  });

  it('refuses an item naming neither a variant nor a product', () => {
    expect(() => normalizeItems([{ quantity: 1 }])).toThrow(expect.objectContaining({ code: 'ORDERS.ITEM_TARGET_REQUIRED' }));
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
