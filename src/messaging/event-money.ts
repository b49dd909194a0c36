import { isAmountMinor, isCurrencyCode, type Money } from '../money/money';
import { malformedEvent } from './event-fields';

/** A Money message as protobufjs decodes it: int64 amounts are JS numbers (proto/streams.ts). */
export interface MoneyFields {
  amountMinor?: number | null;
  currency?: string | null;
}

/**
 * Money an event carries where the contract says it may be absent. When present it must be exact: a
 * non-negative safe integer of minor units (beyond 2^53 a number cannot be exact) and an ISO 4217 code.
 */
export function optionalEventMoney(money: MoneyFields | null | undefined, what: string): Money | undefined {
  if (money === null || money === undefined) return undefined;
  const { amountMinor, currency } = money;
  if (!isAmountMinor(amountMinor)) {
    throw malformedEvent(`${what} has an amount of ${String(amountMinor)} minor units`);
  }
  if (!isCurrencyCode(currency)) throw malformedEvent(`${what} has no ISO 4217 currency`);
  return { amountMinor, currency };
}

/** Money an event must carry. */
export function requiredEventMoney(money: MoneyFields | null | undefined, what: string): Money {
  const read = optionalEventMoney(money, what);
  if (!read) throw malformedEvent(`${what} is missing`);
  return read;
}
