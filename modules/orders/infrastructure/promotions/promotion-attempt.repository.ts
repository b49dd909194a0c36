import type { Knex } from 'knex';
import { advisoryLockStatement, inOneRoundTrip } from '../../../../src/db/one-round-trip';

/**
 * Records that the customer tries a promotion code, unless `limit` attempts already lie in the window: then the
 * seconds until the oldest leaves it. Counted and recorded under the customer's lock, in one round trip that is one
 * transaction, committed before the code is looked up, so that no number of concurrent tries gets past the limit.
 */
export async function claimPromotionAttempt(
  db: Knex,
  customerId: string,
  window: { seconds: number; limit: number },
): Promise<{ retryAfterSeconds: number } | { attemptId: number }> {
  const forgetOld = db('promotion_attempts')
    .where({ customer_id: customerId })
    .andWhereRaw('attempted_at <= now() - make_interval(secs => ?)', [window.seconds])
    .delete()
    .toQuery();
  const recordIfUnder = db
    .raw(
      `insert into promotion_attempts (customer_id)
         select :customerId where (select count(*) from promotion_attempts where customer_id = :customerId) < :limit
       returning id`,
      { customerId, limit: window.limit },
    )
    .toQuery();
  const oldest = db
    .raw(`select (extract(epoch from now() - min(attempted_at)) * 1000)::int as oldest_age_ms from promotion_attempts where customer_id = ?`, [
      customerId,
    ])
    .toQuery();
  const [, , recorded, counted] = await inOneRoundTrip(db, [
    advisoryLockStatement(db, `orders.promotion-attempts:${customerId}`),
    forgetOld,
    recordIfUnder,
    oldest,
  ]);
  const inserted = recorded.rows[0] as { id: number } | undefined;
  if (inserted) return { attemptId: inserted.id };
  const oldestAgeMs = (counted.rows[0] as { oldest_age_ms: number | null }).oldest_age_ms ?? 0;
  return { retryAfterSeconds: Math.max(1, Math.ceil((window.seconds * 1000 - oldestAgeMs) / 1000)) };
}

/** A code that applied does not count against the customer. */
export async function forgetPromotionAttempt(db: Knex, attemptId: number): Promise<void> {
  await db.raw(forgetPromotionAttemptStatement(db, attemptId));
}

export function forgetPromotionAttemptStatement(db: Knex, attemptId: number): string {
  return db('promotion_attempts').where({ id: attemptId }).delete().toQuery();
}
