import type { Knex } from 'knex';
import { advisoryLockStatement, inOneRoundTrip } from '../../../src/db/one-round-trip';

/**
 * Records that the customer tries a promotion code, unless `limit` attempts already lie in the window: then the
 * seconds until the oldest leaves it. Counted and recorded under the customer's lock, committed before the code is
 * looked up, so that no number of concurrent tries gets past the limit.
 */
export async function claimPromotionAttempt(
  db: Knex,
  customerId: string,
  window: { seconds: number; limit: number },
): Promise<{ retryAfterSeconds: number } | { attemptId: number }> {
  return db.transaction(async (trx) => {
    const forget = trx('promotion_attempts')
      .where({ customer_id: customerId })
      .andWhereRaw('attempted_at <= now() - make_interval(secs => ?)', [window.seconds])
      .delete()
      .toQuery();
    const count = trx
      .raw(
        `select count(*)::int as attempts, (extract(epoch from now() - min(attempted_at)) * 1000)::int as oldest_age_ms
           from promotion_attempts where customer_id = ?`,
        [customerId],
      )
      .toQuery();
    const [, , counted] = await inOneRoundTrip(trx, [advisoryLockStatement(trx, `orders.promotion-attempts:${customerId}`), forget, count]);
    const { attempts, oldest_age_ms: oldestAgeMs } = counted.rows[0] as { attempts: number; oldest_age_ms: number | null };
    if (attempts >= window.limit) return { retryAfterSeconds: Math.max(1, Math.ceil((window.seconds * 1000 - (oldestAgeMs ?? 0)) / 1000)) };
    const [row] = await trx('promotion_attempts').insert({ customer_id: customerId }).returning<Array<{ id: number }>>('id');
    return { attemptId: row.id };
  });
}

/** A code that applied does not count against the customer. */
export async function forgetPromotionAttempt(db: Knex, attemptId: number): Promise<void> {
  await db('promotion_attempts').where({ id: attemptId }).delete();
}
