import { DomainError } from '../../../src/errors/domain-error';

interface Int64Like {
  toNumber(): number;
}

/**
 * int64 money fields decode as Long objects (protobufjs keeps 64-bit precision); amounts in minor units
 * must be exact JS integers here, so anything beyond 2^53 is a contract violation, not a rounding matter.
 */
export function minorUnits(value: number | Int64Like | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  const amount = typeof value === 'number' ? value : value.toNumber();
  if (!Number.isSafeInteger(amount)) {
    throw new DomainError('ORDER.AMOUNT_OUT_OF_RANGE', 'unprocessable', `An amount of ${String(value)} minor units is out of range`);
  }
  return amount;
}
