/** How deliveries are retried: jittered exponential backoff from `retryBaseMs`, each wait at most `maxDelayMs`, for `horizonMs` after the event. */
export interface WebhookRetryPolicy {
  retryBaseMs: number;
  maxDelayMs: number;
  horizonMs: number;
}

/** What an attempt came to, as the dispatcher saw it. */
export type AttemptResult =
  | { kind: 'answered'; status: number; retryAfterMs?: number }
  | { kind: 'timeout' }
  | { kind: 'unreachable' }
  /** The URL is not a target deliveries may go to (its host resolves to a private address, say). */
  | { kind: 'refused' };

export type NextStep = { kind: 'succeeded' } | { kind: 'retry'; at: Date } | { kind: 'failed'; reason: string };

/** A 2xx answer: the delivery succeeded. */
export function isSuccess(result: AttemptResult): boolean {
  return result.kind === 'answered' && result.status >= 200 && result.status < 300;
}

/** Answers worth trying again: the receiver is overloaded, down or timed out; any other 4xx is its final word. */
export function isRetryable(result: AttemptResult): boolean {
  if (result.kind === 'timeout' || result.kind === 'unreachable') return true;
  if (result.kind !== 'answered') return false;
  return result.status >= 500 || result.status === 429 || result.status === 408;
}

/**
 * What follows an attempt: 2xx succeeds; a retryable failure is tried again after the receiver's `Retry-After`, or
 * else after `retryDelayMs` — unless that falls beyond the horizon, when the delivery is given up; anything else
 * fails the delivery at once. `random` is in [0, 1).
 */
export function nextStep(result: AttemptResult, attempts: number, createdAt: Date, now: Date, policy: WebhookRetryPolicy, random: number): NextStep {
  if (isSuccess(result)) return { kind: 'succeeded' };
  if (!isRetryable(result)) return { kind: 'failed', reason: failureReason(result) };
  const delayMs = result.kind === 'answered' && result.retryAfterMs !== undefined ? result.retryAfterMs : retryDelayMs(attempts, policy, random);
  const at = new Date(now.getTime() + delayMs);
  if (at.getTime() > createdAt.getTime() + policy.horizonMs) {
    return { kind: 'failed', reason: `gave up after ${attempts} attempts: the next would fall beyond the retry horizon` };
  }
  return { kind: 'retry', at };
}

/**
 * The wait after the `attempts`-th failed attempt: base·2^(attempts−1), capped, of which a random half is taken off
 * ("equal jitter") so that the retries of many deliveries failed together spread out.
 */
export function retryDelayMs(attempts: number, policy: Pick<WebhookRetryPolicy, 'retryBaseMs' | 'maxDelayMs'>, random: number): number {
  if (!Number.isInteger(attempts) || attempts < 1) throw new RangeError(`attempts must be a positive integer, got ${attempts}`);
  const ceiling = Math.min(policy.retryBaseMs * 2 ** Math.min(attempts - 1, 40), policy.maxDelayMs);
  return Math.round(ceiling / 2 + (ceiling / 2) * random);
}

function failureReason(result: AttemptResult): string {
  switch (result.kind) {
    case 'answered':
      return result.status >= 300 && result.status < 400 ? `the endpoint answered ${result.status}: redirects are not followed` : `the endpoint answered ${result.status}`;
    case 'refused':
      return 'the endpoint is not an allowed target (its address is private, loopback or link-local, or it is not https)';
    default:
      return 'the endpoint could not be reached';
  }
}
