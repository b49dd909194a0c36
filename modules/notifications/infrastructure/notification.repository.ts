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

export type NewNotification = Pick<
  NotificationModel,
  'id' | 'userId' | 'channel' | 'template' | 'sourceEventId' | 'correlationId' | 'recipient' | 'subject' | 'bodyText' | 'bodyHtml'
>;

/** Records notifications; one per source event and channel, so a redelivered event adds nothing. */
export async function insertNotifications(trx: Knex.Transaction, notifications: NewNotification[]): Promise<void> {
  if (notifications.length === 0) return;
  await NotificationModel.query(trx).insert(notifications).onConflict(['source_event_id', 'channel']).ignore();
}

/** The notifications, locked in id order, by id. */
export async function lockNotifications(trx: Knex.Transaction, notificationIds: readonly string[]): Promise<Map<string, NotificationModel>> {
  if (notificationIds.length === 0) return new Map();
  const rows = await NotificationModel.query(trx).whereIn('id', [...notificationIds]).orderBy('id').forUpdate();
  return new Map(rows.map((row) => [row.id, row]));
}

/**
 * A link with an account token (verification, password reset) is kept only until the message is sent or given
 * up: the stored copy then shows the link without its token, so a dump of the table opens no account.
 */
function withoutTokens(trx: Knex.Transaction) {
  const redacted = (column: string) =>
    trx.raw(`case when template in ('verify-email', 'password-reset') then regexp_replace(??, '([\\?&]token=)[A-Za-z0-9_%-]+', '\\1(removed)', 'g') else ?? end`, [column, column]);
  return { bodyText: redacted('body_text') as unknown as string, bodyHtml: redacted('body_html') as unknown as string };
}

export async function markSent(trx: Knex.Transaction, notificationIds: readonly string[]): Promise<void> {
  if (notificationIds.length === 0) return;
  await NotificationModel.query(trx)
    .whereIn('id', [...notificationIds])
    .patch({ status: 'SENT', sentAt: new Date(), claimedAt: null, ...withoutTokens(trx) });
}

/** Back to PENDING, due again after `delayMs` (counted on the database clock, like every due time). */
export async function scheduleRetry(trx: Knex.Transaction, notificationId: string, lastError: string | null, delayMs: number): Promise<void> {
  await NotificationModel.query(trx)
    .findById(notificationId)
    .patch({
      status: 'PENDING',
      claimedAt: null,
      lastError,
      nextAttemptAt: trx.raw('now() + make_interval(secs => ?)', [delayMs / 1000]) as unknown as Date,
    });
}

export async function markFailed(trx: Knex.Transaction, notificationId: string, reason: string): Promise<void> {
  await NotificationModel.query(trx)
    .findById(notificationId)
    .patch({ status: 'FAILED', failedAt: new Date(), claimedAt: null, lastError: reason, ...withoutTokens(trx) });
}

/** A user's notifications, newest first by their sequence number. */
export async function listNotifications(db: Knex, userId: string, beforeSeq: number | undefined, limit: number): Promise<NotificationModel[]> {
  return NotificationModel.query(db)
    .where('user_id', userId)
    .modify((q) => {
      if (beforeSeq !== undefined) q.where('seq', '<', beforeSeq);
    })
    .orderBy('seq', 'desc')
    .limit(limit);
}
