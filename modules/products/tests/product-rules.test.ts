import { effectiveChanges, validateNewProduct, validateProductChanges, type NewProductInput } from '../domain/product';
import { expectedVersion } from '../domain/product-version';

const valid: NewProductInput = {
  sku: ' fv-apple-1kg ',
  name: ' Apples ',
  description: 'Crisp',
  priceCents: 349,
  currency: 'EUR',
  category: 'Fruit & Veg',
};

function fieldsRejected(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    return ((error as { details: { fields?: { field: string }[] } }).details.fields ?? []).map((f) => f.field);
  }
  throw new Error('expected a rejection');
}

describe('product rules', () => {
  it('normalise a new product: trimmed text, upper-case SKU, no image', () => {
    expect(validateNewProduct(valid)).toEqual({
      sku: 'FV-APPLE-1KG',
      name: 'Apples',
      description: 'Crisp',
      priceCents: 349,
      currency: 'EUR',
      category: 'Fruit & Veg',
      imageUrl: null,
    });
  });

  it('accept a free product but never a negative, fractional or unsafe price', () => {
    expect(validateNewProduct({ ...valid, priceCents: 0 }).priceCents).toBe(0);
    for (const priceCents of [-1, 1.5, Number.MAX_SAFE_INTEGER + 1, Number.NaN]) {
      expect(fieldsRejected(() => validateNewProduct({ ...valid, priceCents }))).toEqual(['priceMinor']);
    }
  });

  it.each(['eur', 'EURO', 'E1R', ''])('reject the currency %j', (currency) => {
    expect(fieldsRejected(() => validateNewProduct({ ...valid, currency }))).toEqual(['currency']);
  });

  it('report every bad field of a new product', () => {
    expect(
      fieldsRejected(() => validateNewProduct({ ...valid, sku: '-x', name: '', category: ' ', imageUrl: 'ftp://host/a.png' })),
    ).toEqual(['sku', 'name', 'category', 'imageUrl']);
  });

  it('check only the fields a change names, and let it remove the image', () => {
    expect(validateProductChanges({ priceCents: 199 })).toEqual({ priceCents: 199 });
    expect(validateProductChanges({ imageUrl: null })).toEqual({ imageUrl: null });
    expect(fieldsRejected(() => validateProductChanges({ name: '   ' }))).toEqual(['name']);
  });

  it('keep only the changes that differ from the product', () => {
    const current = validateNewProduct(valid);
    expect(effectiveChanges(current, { name: 'Apples', priceCents: 299, imageUrl: null })).toEqual({ priceCents: 299 });
  });
});

describe('the expected version of an update', () => {
  it.each([
    ['"3"', undefined, 3],
    ['W/"3"', undefined, 3],
    [undefined, 4, 4],
    ['"5"', 5, 5],
  ])('comes from If-Match %s or version %s', (ifMatch, version, expected) => {
    expect(expectedVersion(ifMatch, version)).toBe(expected);
  });

  it('is required', () => {
    expect(() => expectedVersion(undefined, undefined)).toThrow(expect.objectContaining({ code: 'PRODUCTS.VERSION_REQUIRED' }));
  });

  it.each(['3', '*', '"a"', '"1", "2"'])('refuses the If-Match %s', (ifMatch) => {
    expect(() => expectedVersion(ifMatch, undefined)).toThrow(expect.objectContaining({ code: 'PRODUCTS.INVALID_IF_MATCH' }));
  });

  it('refuses a header and a field that disagree', () => {
    expect(() => expectedVersion('"2"', 3)).toThrow(expect.objectContaining({ code: 'PRODUCTS.CONFLICTING_VERSIONS' }));
  });
});
