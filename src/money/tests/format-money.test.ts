import { decimalString, formatMoney, minorDigits, parseMoney } from '../format-money';

describe('money is formatted from integer minor units by currency', () => {
  it.each([
    [123456, 'USD', '$1,234.56'],
    [5, 'USD', '$0.05'],
    [0, 'EUR', '€0.00'],
    [1999, 'eur', '€19.99'],
    [1234, 'JPY', '¥1,234'],
    [1234, 'KWD', 'KWD 1.234'],
    [900719925474099, 'USD', '$9,007,199,254,740.99'],
  ])('%i %s → %s', (amountMinor, currency, expected) => {
    expect(formatMoney({ amountMinor, currency }).replace(/\u00a0/g, ' ')).toBe(expected);
  });

  it('falls back to the plain amount and code for a currency Intl does not know', () => {
    expect(formatMoney({ amountMinor: 1050, currency: 'X1' })).toBe('10.50 X1');
  });

  it('builds exact decimals without floating point', () => {
    expect(decimalString(10, 2)).toBe('0.10');
    expect(decimalString(-5, 2)).toBe('-0.05');
    expect(decimalString(1234, 0)).toBe('1234');
    expect(decimalString(1, 3)).toBe('0.001');
  });

  it('refuses amounts that are not whole minor units', () => {
    expect(() => decimalString(1.5, 2)).toThrow(RangeError);
  });
});

describe('amounts as people write them', () => {
  it.each([
    ['49.99 EUR', 4999, 'EUR'],
    ['49 EUR', 4900, 'EUR'],
    ['49.9 USD', 4990, 'USD'],
    ['1200 JPY', 1200, 'JPY'],
    ['1.234 KWD', 1234, 'KWD'],
  ])('%s is %i minor units', (text, amountMinor, currency) => {
    expect(parseMoney(text)).toEqual({ amountMinor, currency });
  });

  it.each(['49.999 EUR', '12.5 JPY', '€49', '49.99', '-1 EUR'])('refuses %s', (text) => {
    expect(() => parseMoney(text)).toThrow(RangeError);
  });

  it('formats what it read back to the same amount', () => {
    for (const text of ['1234.56 USD', '1234 JPY', '1.234 KWD']) {
      const money = parseMoney(text);
      expect(decimalString(money.amountMinor, minorDigits(money.currency))).toBe(text.split(' ')[0]);
    }
  });
});
