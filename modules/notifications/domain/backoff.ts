const MAX_DELAY_MS = 60 * 60 * 1000;

/** Delay before the next attempt after `attempt` failed ones: base, 2·base, 4·base, … capped at one hour. */
export function retryDelayMs(attempt: number, baseMs: number): number {
  if (!Number.isInteger(attempt) || attempt < 1) throw new RangeError(`attempt must be a positive integer, got ${attempt}`);
  return Math.min(baseMs * 2 ** (attempt - 1), MAX_DELAY_MS);
}

export type AttemptResult = { sent: true } | { sent: false; permanent: boolean };

export type DeliveryOutcome = { kind: 'sent' } | { kind: 'retry'; delayMs: number } | { kind: 'failed' };

export interface RetryPolicy {
  maxAttempts: number;
  retryBaseMs: number;
}

/** What becomes of a notification after its `attempts`-th delivery attempt. */
export function outcomeOfAttempt(result: AttemptResult, attempts: number, policy: RetryPolicy): DeliveryOutcome {
  if (result.sent) return { kind: 'sent' };
  if (result.permanent || attempts >= policy.maxAttempts) return { kind: 'failed' };
  return { kind: 'retry', delayMs: retryDelayMs(attempts, policy.retryBaseMs) };
}
