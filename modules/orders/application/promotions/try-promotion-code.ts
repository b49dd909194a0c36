import type { Knex } from 'knex';
import { OrderErrors } from '../../domain/orders.errors';
import { claimPromotionAttempt, forgetPromotionAttempt } from '../../infrastructure/promotions/promotion-attempt.repository';

export interface PromotionAttemptLimit {
  /** Codes a customer may try in the window without one applying. */
  perCustomer: number;
  windowSeconds: number;
}

/**
 * Runs `apply` (which uses a promotion code) as one of the customer's limited tries: refused with 429 once they
 * tried `perCustomer` codes in the window that did not apply, forgotten when it succeeds.
 */
export async function tryPromotionCode<T>(db: Knex, customerId: string, limit: PromotionAttemptLimit, apply: () => Promise<T>): Promise<T> {
  const attemptId = await claimPromotionTry(db, customerId, limit);
  const result = await apply();
  await forgetPromotionAttempt(db, attemptId);
  return result;
}

/** Records one of the customer's limited tries of a code (committed at once) and returns its id; 429 past the limit. */
export async function claimPromotionTry(db: Knex, customerId: string, limit: PromotionAttemptLimit): Promise<number> {
  const claimed = await claimPromotionAttempt(db, customerId, { seconds: limit.windowSeconds, limit: limit.perCustomer });
  if ('retryAfterSeconds' in claimed) throw OrderErrors.tooManyPromotionAttempts(claimed.retryAfterSeconds);
  return claimed.attemptId;
}
