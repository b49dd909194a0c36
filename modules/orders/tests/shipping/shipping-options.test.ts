import { chooseShipping, optionsServing, shippingPrice, validateShippingOption, validateZone, zoneServes, type ShippingOption, type ShippingZone } from '../../domain/shipping/shipping-option';

const BERLIN: ShippingZone = { id: 'z-berlin', name: 'Berlin', countries: ['DE'], postcodePrefixes: ['10', '12', '13', '14'] };
const DACH: ShippingZone = { id: 'z-dach', name: 'DACH', countries: ['DE', 'AT', 'CH'], postcodePrefixes: [] };

const option = (overrides: Partial<ShippingOption>): ShippingOption => ({
  id: 'o-standard',
  zoneId: DACH.id,
  name: 'Standard',
  priceMinor: 490,
  currency: 'EUR',
  freeAboveMinor: null,
  weightBands: null,
  active: true,
  ...overrides,
});

const goods = (subtotalMinor: number, weightGrams = 500) => ({ subtotalMinor, currency: 'EUR', weightGrams });

describe('shipping zones and options', () => {
  it('matches a zone by country and, where it lists them, by postcode prefix (spaces and case ignored)', () => {
    expect(zoneServes(DACH, { country: 'AT', postalCode: '1010' })).toBe(true);
    expect(zoneServes(DACH, { country: 'FR', postalCode: '75001' })).toBe(false);
    expect(zoneServes(BERLIN, { country: 'DE', postalCode: '10115' })).toBe(true);
    expect(zoneServes(BERLIN, { country: 'DE', postalCode: '80331' })).toBe(false);
    expect(zoneServes({ ...BERLIN, countries: ['GB'], postcodePrefixes: ['sw1'] }, { country: 'GB', postalCode: 'SW1A 1AA' })).toBe(true);
  });

  it('prices by the first weight band the goods fit in, free above the threshold, and refuses what is too heavy', () => {
    const banded = option({ weightBands: [{ upToGrams: 5000, priceMinor: 890 }, { upToGrams: 1000, priceMinor: 490 }], freeAboveMinor: 5000 });
    expect(shippingPrice(banded, goods(1000, 1000))).toEqual({ priceMinor: 490 });
    expect(shippingPrice(banded, goods(1000, 1001))).toEqual({ priceMinor: 890 });
    expect(shippingPrice(banded, goods(1000, 5001))).toEqual({ refused: 'the goods weigh 5001 g, more than the option ships' });
    expect(shippingPrice(banded, goods(5000, 9000))).toEqual({ priceMinor: 0 });
    expect(shippingPrice(option({ active: false }), goods(1))).toEqual({ refused: 'the option is switched off' });
    expect(shippingPrice(option({ currency: 'CHF' }), goods(1))).toMatchObject({ refused: expect.stringContaining('CHF') });
  });

  it('lists the options serving an address, cheapest first, each priced for the cart', () => {
    const options = [option({}), option({ id: 'o-express', name: 'Express', priceMinor: 990 }), option({ id: 'o-courier', zoneId: BERLIN.id, name: 'Courier', priceMinor: 290 })];
    expect(optionsServing([BERLIN, DACH], options, { country: 'DE', postalCode: '10115' }, goods(2000)).map((o) => [o.option.id, o.priceMinor])).toEqual([
      ['o-courier', 290],
      ['o-standard', 490],
      ['o-express', 990],
    ]);
    expect(optionsServing([BERLIN, DACH], options, { country: 'DE', postalCode: '80331' }, goods(2000)).map((o) => o.option.id)).toEqual(['o-standard', 'o-express']);
  });

  it('requires a choice once the shop ships, names why an option cannot ship an order, and charges nothing where the shop ships nothing', () => {
    const options = [option({})];
    const to = { country: 'FR', postalCode: '75001' };
    expect(chooseShipping([], [], undefined, to, goods(100))).toBeNull();
    expect(() => chooseShipping([DACH], options, undefined, to, goods(100))).toThrow(expect.objectContaining({ code: 'ORDERS.ADDRESS_NOT_SERVED' }));
    expect(() => chooseShipping([DACH], options, undefined, { country: 'AT', postalCode: '1010' }, goods(100))).toThrow(
      expect.objectContaining({ code: 'ORDERS.SHIPPING_OPTION_REQUIRED', details: { options: [{ id: 'o-standard', name: 'Standard', priceMinor: 490 }] } }),
    );
    expect(() => chooseShipping([DACH], options, 'o-standard', to, goods(100))).toThrow(
      expect.objectContaining({ code: 'ORDERS.SHIPPING_OPTION_UNAVAILABLE', details: { shippingOptionId: 'o-standard', reason: 'it does not deliver to FR 75001' } }),
    );
    expect(chooseShipping([DACH], options, 'O-STANDARD', { country: 'CH', postalCode: '8001' }, goods(100))).toMatchObject({ priceMinor: 490 });
  });

  it('checks zones and options as admins give them', () => {
    expect(validateZone({ name: ' Alps ', countries: ['CH', 'AT', 'CH'], postcodePrefixes: [' 80 '] }, true)).toEqual({ name: 'Alps', countries: ['AT', 'CH'], postcodePrefixes: ['80'] });
    expect(() => validateZone({ name: 'x', countries: ['de'] }, true)).toThrow(expect.objectContaining({ code: 'ORDERS.INVALID_SHIPPING' }));
    expect(validateShippingOption({ name: 'Parcel', priceMinor: 490, currency: 'EUR', weightBands: [{ upToGrams: 2000, priceMinor: 690 }, { upToGrams: 500, priceMinor: 390 }] }, true)).toMatchObject({
      weightBands: [{ upToGrams: 500, priceMinor: 390 }, { upToGrams: 2000, priceMinor: 690 }],
      freeAboveMinor: null,
      active: true,
    });
    expect(() => validateShippingOption({ name: 'Parcel', priceMinor: -1, currency: 'EUR', weightBands: [{ upToGrams: 0, priceMinor: 1 }] }, true)).toThrow(
      expect.objectContaining({ details: { fields: [{ field: 'priceMinor', message: expect.any(String) }, { field: 'weightBands.0.upToGrams', message: expect.any(String) }] } }),
    );
  });
});
