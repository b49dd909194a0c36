import type { Knex } from 'knex';
import { NotificationModel } from './notification.model';

/**
 * Claims up to `limit` due notifications for this dispatcher: PENDING → SENDING with one more attempt,
 * committed before anything is sent. SKIP LOCKED lets several API instances dispatch side by side.
 */
export async function claimDue(db: Knex, limit: number): Promise<NotificationModel[]> {
  const rows = await db.raw(
    `update notifications set status = 'SENDING', attempts = attempts + 1, claimed_at = now()
      where id in (select id from notifications
                    where status = 'PENDING' and next_attempt_at <= now()
                    order by next_attempt_at
                    limit ? for update skip locked)
      returning *`,
    [limit],
  );
  return (rows.rows as Record<string, unknown>[]).map((row) => NotificationModel.fromDatabaseJson(row));
}

/** Locks SENDING rows whose claim is older than `leaseMs`: their dispatcher died with the outcome unknown. */
export async function lockAbandoned(trx: Knex.Transaction, leaseMs: number, limit: number): Promise<NotificationModel[]> {
  return NotificationModel.query(trx)
    .where('status', 'SENDING')
    .where('claimed_at', '<', trx.raw(`now() - make_interval(secs => ?)`, [leaseMs / 1000]))
    .orderBy('claimed_at')
    .limit(limit)
    .forUpdate()
    .skipLocked();
}
