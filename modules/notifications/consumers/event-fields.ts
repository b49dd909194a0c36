import { unprocessable } from '../../../src/errors/domain-error';
import type { Money } from '../domain/money';
import { NotificationErrors } from '../domain/notifications.errors';

interface MoneyFields {
  amountMinor?: number | null;
  currency?: string | null;
}

/** Money an upstream event must carry; an event without it is malformed and goes to the dead-letter topic. */
export function requiredMoney(money: MoneyFields | null | undefined, what: string): Money {
  const amountMinor = int64ToNumber(money?.amountMinor);
  if (!money?.currency || amountMinor === undefined) {
    throw unprocessable(NotificationErrors.MALFORMED_EVENT, `the event carries no valid ${what}`);
  }
  return { amountMinor, currency: money.currency };
}

/**
 * The generated types promise a number for int64, but the decoder hands out a Long whenever the `long`
 * package is installed; accept both rather than trust the typing.
 */
function int64ToNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : undefined;
  if (typeof value === 'object' && value !== null && typeof (value as { toNumber?: unknown }).toNumber === 'function') {
    const n = (value as { toNumber(): number }).toNumber();
    return Number.isSafeInteger(n) ? n : undefined;
  }
  return undefined;
}
