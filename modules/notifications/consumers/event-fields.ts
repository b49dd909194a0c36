import { unprocessable } from '../../../src/errors/domain-error';
import type { Money } from '../domain/money';
import { NotificationErrors } from '../domain/notifications.errors';

interface MoneyFields {
  amountMinor?: number | null;
  currency?: string | null;
}

/** Money an upstream event must carry; an event without it is malformed and goes to the dead-letter topic. */
export function requiredMoney(money: MoneyFields | null | undefined, what: string): Money {
  const amountMinor = money?.amountMinor;
  // int64 decodes as a JS number (proto/streams.ts); beyond 2^53 it could not be exact.
  if (!money?.currency || typeof amountMinor !== 'number' || !Number.isSafeInteger(amountMinor)) {
    throw unprocessable(NotificationErrors.MALFORMED_EVENT, `the event carries no valid ${what}`);
  }
  return { amountMinor, currency: money.currency };
}
