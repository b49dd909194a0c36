/** Largest amount in minor units we accept: stays exact in a JS number and in int64. */
export const MAX_AMOUNT_MINOR = Number.MAX_SAFE_INTEGER;

const CURRENCY_CODE = /^[A-Z]{3}$/;

export function isCurrencyCode(value: unknown): value is string {
  return typeof value === 'string' && CURRENCY_CODE.test(value);
}

export function isAmountMinor(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value <= MAX_AMOUNT_MINOR;
}
