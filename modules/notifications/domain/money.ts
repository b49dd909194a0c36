export interface Money {
  amountMinor: number;
  currency: string;
}

const LOCALE = 'en-US';

/**
 * Formats integer minor units for people: 123456 USD → "$1,234.56", 1234 JPY → "¥1,234", 1234 KWD → "KWD 1.234".
 * The number of minor-unit digits comes from the currency (CLDR via Intl), and the amount is handed to Intl as
 * an exact decimal string, so no float rounding creeps in.
 */
export function formatMoney(money: Money, locale = LOCALE): string {
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
