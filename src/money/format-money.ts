import type { Money } from './money';

/**
 * Formats integer minor units for people: 123456 USD → "$1,234.56", 1234 JPY → "¥1,234", 1234 KWD → "KWD 1.234".
 * The number of minor-unit digits comes from the currency (CLDR via Intl), and the amount is handed to Intl as
 * an exact decimal string, so no float rounding creeps in.
 */
export function formatMoney(money: Money, locale = 'en-US'): string {
  const currency = money.currency.toUpperCase();
  let format: Intl.NumberFormat;
  try {
    format = new Intl.NumberFormat(locale, { style: 'currency', currency });
  } catch {
    return `${decimalString(money.amountMinor, 2)} ${currency}`;
  }
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(decimalString(money.amountMinor, digits) as Intl.StringNumericLiteral);
}

/** 123456, 2 → "1234.56"; -5, 2 → "-0.05"; 1234, 0 → "1234". */
export function decimalString(amountMinor: number, digits: number): string {
  if (!Number.isSafeInteger(amountMinor)) throw new RangeError(`amount must be an integer number of minor units, got ${amountMinor}`);
  const sign = amountMinor < 0 ? '-' : '';
  const units = Math.abs(amountMinor).toString();
  if (digits === 0) return sign + units;
  const padded = units.padStart(digits + 1, '0');
  return `${sign}${padded.slice(0, -digits)}.${padded.slice(-digits)}`;
}

/** How many digits a currency's minor unit has (2 for USD, 0 for JPY, 3 for KWD), from CLDR via Intl. */
export function minorDigits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/**
 * Reads an amount as people write it, "49.99 EUR" or "1200 JPY", into minor units; more decimals than the
 * currency has, or none of its code, is an error rather than a rounding.
 */
export function parseMoney(text: string): Money {
  const match = /^(\d+)(?:\.(\d+))? ([A-Z]{3})$/.exec(text.trim());
  if (!match) throw new RangeError(`"${text}" is not an amount like "49.99 EUR"`);
  const [, units, fraction = '', currency] = match;
  const digits = minorDigits(currency);
  if (fraction.length > digits) throw new RangeError(`"${text}" has more decimals than ${currency}'s ${digits}`);
  const amountMinor = Number(units + fraction.padEnd(digits, '0'));
  if (!Number.isSafeInteger(amountMinor)) throw new RangeError(`"${text}" cannot be counted exactly`);
  return { amountMinor, currency };
}
