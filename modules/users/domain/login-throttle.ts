export interface ThrottleWindow {
  maxFailures: number;
  windowSeconds: number;
}

/**
 * Sign-in stays blocked while `maxFailures` failures lie inside the window, so it reopens when the
 * `maxFailures`-th most recent failure leaves the window. Returns the seconds until then, or undefined
 * when sign-in is open.
 */
export function secondsUntilUnblocked(
  recentFailuresNewestFirst: readonly Date[],
  limit: ThrottleWindow,
  now: Date,
): number | undefined {
  const blocking = recentFailuresNewestFirst[limit.maxFailures - 1];
  if (blocking === undefined) return undefined;
  const reopensAt = blocking.getTime() + limit.windowSeconds * 1000;
  const remainingMs = reopensAt - now.getTime();
  return remainingMs > 0 ? Math.ceil(remainingMs / 1000) : undefined;
}

export const MAX_ACCOUNT_DELAY_SECONDS = 30;

/**
 * Once an account has had `failuresBeforeDelay` failed attempts (from any addresses) in the window, each further
 * attempt waits 1, 2, 4 … seconds after the latest one, at most 30: guessing across many addresses slows to a crawl,
 * and the owner, from anywhere, waits half a minute at worst instead of being locked out.
 */
export function secondsUntilAccountAttempt(recentNewestFirst: readonly Date[], failuresBeforeDelay: number, now: Date): number | undefined {
  const beyond = recentNewestFirst.length - failuresBeforeDelay;
  if (beyond < 0) return undefined;
  const delaySeconds = Math.min(2 ** beyond, MAX_ACCOUNT_DELAY_SECONDS);
  const remainingMs = recentNewestFirst[0].getTime() + delaySeconds * 1000 - now.getTime();
  return remainingMs > 0 ? Math.ceil(remainingMs / 1000) : undefined;
}

/** Seconds until fewer than `limit` events lie in the last `windowSeconds`, or undefined when under it now. */
export function secondsUntilUnderRate(count: number, limit: number, oldestAgeMs: number, windowSeconds: number): number | undefined {
  if (count < limit) return undefined;
  return Math.max(1, Math.ceil((windowSeconds * 1000 - oldestAgeMs) / 1000));
}
