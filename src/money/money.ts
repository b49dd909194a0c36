/**
 * Money is an integer number of minor units of one ISO 4217 currency (cents of USD, yen of JPY, fils of KWD),
 * never a float. Every amount stays a safe integer, so it is exact in a JS number, in Postgres' bigint and in
 * protobuf's int64. The one rounding rule: a fraction of a minor unit rounds half up (amounts are never
 * negative), and an amount split into parts is allocated by largest remainder, so the parts always add up.
 */
export interface Money {
  amountMinor: number;
  currency: string;
}

/** Largest amount in minor units: exact in a JS number and in int64. */
export const MAX_AMOUNT_MINOR = Number.MAX_SAFE_INTEGER;

const CURRENCY_CODE = /^[A-Z]{3}$/;

/** A sum or product of amounts beyond MAX_AMOUNT_MINOR, which no number can hold exactly. */
export class MoneyOverflowError extends RangeError {
  constructor() {
    super(`an amount beyond ${MAX_AMOUNT_MINOR} minor units cannot be exact`);
  }
}

export function isCurrencyCode(value: unknown): value is string {
  return typeof value === 'string' && CURRENCY_CODE.test(value);
}

/** A non-negative whole number of minor units that stays exact. */
export function isAmountMinor(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** The sum of amounts, or MoneyOverflowError. */
export function sumMinor(amounts: readonly number[]): number {
  return amounts.reduce((sum, amount) => exact(sum + amount), 0);
}

/** A unit amount times a quantity, or MoneyOverflowError. */
export function timesQuantity(unitMinor: number, quantity: number): number {
  return exact(unitMinor * quantity);
}

/** `percent` % of an amount, rounded half up to a whole minor unit; exact for any safe amount. */
export function percentOf(amountMinor: number, percent: number): number {
  const hundredths = BigInt(amountMinor) * BigInt(percent);
  return exact(Number((hundredths + 50n) / 100n));
}

/** A rate in basis points (1900 = 19 %) of an amount, rounded half up to a whole minor unit: tax added to a net amount. */
export function basisPointsOf(amountMinor: number, basisPoints: number): number {
  return exact(Number(divideHalfUp(BigInt(amountMinor) * BigInt(basisPoints), 10_000n)));
}

/**
 * The tax a gross amount includes at a rate in basis points: the gross less its net part, the net rounded half up
 * (so net + tax is the gross exactly). 119 at 1900 includes 19.
 */
export function includedAt(grossMinor: number, basisPoints: number): number {
  const net = divideHalfUp(BigInt(grossMinor) * 10_000n, 10_000n + BigInt(basisPoints));
  return exact(grossMinor - Number(net));
}

function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
  return (numerator * 2n + denominator) / (denominator * 2n);
}

/**
 * Splits an amount over parts in proportion to their weights (line totals, quantities), by largest
 * remainder: each part gets the floor of its share, and the minor units left go one each to the parts with the
 * largest remainders (the earlier part on a tie). The parts add up to the amount exactly; zero weights get 0.
 */
export function allocate(amountMinor: number, weights: readonly number[]): number[] {
  if (!isAmountMinor(amountMinor)) throw new RangeError(`cannot allocate ${amountMinor} minor units`);
  if (weights.some((weight) => !isAmountMinor(weight))) throw new RangeError('weights must be non-negative safe integers');
  const total = weights.reduce((sum, weight) => sum + BigInt(weight), 0n);
  if (total === 0n) {
    if (amountMinor === 0) return weights.map(() => 0);
    throw new RangeError('cannot allocate an amount over parts that all weigh nothing');
  }
  const amount = BigInt(amountMinor);
  const shares = weights.map((weight, index) => ({ index, floor: (amount * BigInt(weight)) / total, remainder: (amount * BigInt(weight)) % total }));
  let left = amount - shares.reduce((sum, share) => sum + share.floor, 0n);
  const byRemainder = [...shares].sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  for (const share of byRemainder) {
    if (left === 0n) break;
    share.floor += 1n;
    left -= 1n;
  }
  return shares.map((share) => Number(share.floor));
}

function exact(amount: number): number {
  if (!Number.isSafeInteger(amount)) throw new MoneyOverflowError();
  return amount;
}
