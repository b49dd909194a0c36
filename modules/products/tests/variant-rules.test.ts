import { optionValuesOf, validateNewVariant, validateOption, validateVariantChanges, type ProductOption } from '../domain/variant';

const OPTIONS: ProductOption[] = [
  { id: 's', name: 'Size', values: [{ id: 's-s', value: 'S' }, { id: 's-m', value: 'M' }] },
  { id: 'c', name: 'Colour', values: [{ id: 'c-r', value: 'Red' }, { id: 'c-b', value: 'Blue' }] },
];

const problemsOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return (error as { details: { fields: Array<{ field: string; message: string }> } }).details.fields;
  }
  throw new Error('no problem reported');
};

describe('variant rules', () => {
  it('takes one value of every option, in the options\' order, whatever order the request names them in', () => {
    const variant = validateNewVariant({ sku: ' tee-m-red ', options: { Colour: 'Red', Size: 'M' }, priceMinor: 1500 }, OPTIONS, 'EUR');
    expect(variant).toEqual({ sku: 'TEE-M-RED', optionValueIds: ['s-m', 'c-r'], priceMinor: 1500, currency: 'EUR', weightGrams: null, taxClass: 'standard' });
    expect(optionValuesOf(variant, OPTIONS)).toEqual([
      { option: 'Size', value: 'M' },
      { option: 'Colour', value: 'Red' },
    ]);
  });

  it('names every missing, unknown or wrong option value, and a bad SKU, price, currency or weight, at once', () => {
    expect(problemsOf(() => validateNewVariant({ sku: '-', options: { Size: 'XL', Fit: 'Slim' }, priceMinor: -1, currency: 'USD', weightGrams: 1.5 }, OPTIONS, 'EUR'))).toEqual([
      expect.objectContaining({ field: 'sku' }),
      expect.objectContaining({ field: 'priceMinor' }),
      { field: 'currency', message: "must be the product's currency, EUR" },
      expect.objectContaining({ field: 'weightGrams' }),
      expect.objectContaining({ field: 'options.Fit' }),
      { field: 'options.Size', message: 'must be one of: S, M' },
      { field: 'options.Colour', message: 'is required: a variant has one value of every option' },
    ]);
  });

  it('takes no option values for a product without options, and refuses any', () => {
    expect(validateNewVariant({ sku: 'MUG', priceMinor: 900 }, [], 'EUR').optionValueIds).toEqual([]);
    expect(problemsOf(() => validateNewVariant({ sku: 'MUG', options: { Size: 'M' }, priceMinor: 900 }, [], 'EUR'))).toEqual([
      { field: 'options.Size', message: 'is not an option of this product (it has none)' },
    ]);
  });

  it('checks only the changes given', () => {
    expect(validateVariantChanges({ weightGrams: null }, OPTIONS)).toEqual({ weightGrams: null });
    expect(validateVariantChanges({ options: { Size: 'S', Colour: 'Blue' } }, OPTIONS)).toEqual({ optionValueIds: ['s-s', 'c-b'] });
  });

  it('refuses an option with no values, repeated values (whatever their case), or the name of another option', () => {
    expect(validateOption({ name: ' Fit ', values: [{ value: 'Slim' }, { id: 'X', value: 'Regular' }] }, OPTIONS)).toEqual({
      name: 'Fit',
      values: [{ id: undefined, value: 'Slim' }, { id: 'x', value: 'Regular' }],
    });
    expect(problemsOf(() => validateOption({ name: 'size', values: [{ value: 'A' }, { value: 'a' }] }, OPTIONS))).toEqual([
      { field: 'name', message: 'is already an option of this product' },
      { field: 'values.1.value', message: 'repeats an earlier value' },
    ]);
    expect(problemsOf(() => validateOption({ name: 'Fit', values: [] }, OPTIONS))).toEqual([{ field: 'values', message: 'must list 1-50 values' }]);
  });
});
