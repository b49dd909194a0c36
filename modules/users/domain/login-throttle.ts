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
