import { DomainError } from '../../../src/errors/domain-error';

/**
 * int64 money fields decode as JS numbers (proto/streams.ts); amounts in minor units must be exact
 * integers here, so anything beyond 2^53 is a contract violation, not a rounding matter.
 */
export function minorUnits(amount: number | null | undefined): number | null {
  if (amount === null || amount === undefined) return null;
  if (!Number.isSafeInteger(amount)) {
    throw new DomainError('ORDER.AMOUNT_OUT_OF_RANGE', 'unprocessable', `An amount of ${String(amount)} minor units is out of range`);
  }
  return amount;
}
