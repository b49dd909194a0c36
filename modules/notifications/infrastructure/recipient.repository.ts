import type { Knex } from 'knex';
import { insertOrLock } from '../../../src/db/database';
import { RecipientModel } from './recipient.model';

export interface Profile {
  userId: string;
  email: string;
  name: string | null;
  phone: string | null;
  /** customer or admin; undefined keeps the role known (an event that does not say). */
  role?: string;
  emailVerified: boolean;
}

/**
 * Locks the user's recipient row, creating an empty one first if needed. Every writer that decides based on
 * the recipient goes through this lock, so an order event and the user's registration handled concurrently
 * (different topics) cannot both miss each other.
 */
export async function lockRecipient(trx: Knex.Transaction, userId: string): Promise<RecipientModel> {
  const { row } = await insertOrLock(trx, 'recipients', 'user_id', { user_id: userId });
  return RecipientModel.fromDatabaseJson(row);
}

/** lockRecipient for several users in one statement, in user-id order; by user id. */
export async function lockRecipients(trx: Knex.Transaction, userIds: readonly string[]): Promise<Map<string, RecipientModel>> {
  const wanted = [...new Set(userIds)].sort();
  if (wanted.length === 0) return new Map();
  const { rows } = await trx.raw<{ rows: Array<Record<string, unknown>> }>(
    `insert into recipients (user_id) select * from unnest(?::uuid[])
     on conflict (user_id) do update set user_id = excluded.user_id
     returning *`,
    [wanted],
  );
  const recipients = rows.map((row) => RecipientModel.fromDatabaseJson(row));
  return new Map(recipients.map((recipient) => [recipient.userId, recipient]));
}

/** Writes the profile from a user event and keeps the preferences the user chose; an erased recipient stays erased. */
export async function saveProfile(trx: Knex.Transaction, profile: Profile): Promise<void> {
  await trx.raw(
    `insert into recipients (user_id, email, name, phone, role, email_verified) values (?, ?, ?, ?, ?, ?)
     on conflict (user_id) do update set email = excluded.email, name = excluded.name, phone = excluded.phone,
       role = coalesce(excluded.role, recipients.role), email_verified = excluded.email_verified, updated_at = now()
     where recipients.erased_at is null`,
    [profile.userId, profile.email, profile.name, profile.phone, profile.role ?? null, profile.emailVerified],
  );
}

/** Records a user's new role (created empty if the user is not known yet). */
export async function saveRole(trx: Knex.Transaction, userId: string, role: string): Promise<void> {
  await trx('recipients').insert({ user_id: userId, role }).onConflict('user_id').merge({ role, updated_at: trx.fn.now() });
}

/** The admins with an email address: who is told about the shop's own trouble (a webhook endpoint disabled). */
export async function adminRecipients(trx: Knex.Transaction): Promise<RecipientModel[]> {
  return RecipientModel.query(trx).where({ role: 'admin' }).whereNotNull('email');
}

export async function findRecipient(db: Knex, userId: string): Promise<RecipientModel | undefined> {
  return RecipientModel.query(db).findById(userId);
}

export async function savePreferences(trx: Knex.Transaction, userId: string, preferences: { email: boolean; sms: boolean }): Promise<void> {
  await RecipientModel.query(trx).findById(userId).patch({ emailEnabled: preferences.email, smsEnabled: preferences.sms, updatedAt: new Date() });
}

/**
 * Erasure: the recipients keep no address, name or phone (and never get one back from a late event), and every
 * notification to them loses its address and bodies (one not sent yet is failed); the delivery history (template,
 * status, times) stays. Messages held for them are dropped.
 */
export async function eraseRecipients(trx: Knex.Transaction, userIds: readonly string[]): Promise<void> {
  await trx.raw(
    `insert into recipients (user_id, erased_at) select unnest(?::uuid[]), now()
     on conflict (user_id) do update set email = null, name = null, phone = null, erased_at = now(), updated_at = now()`,
    [[...userIds]],
  );
  await trx('notifications')
    .whereIn('user_id', userIds)
    .update({
      recipient: '(erased)',
      subject: '(erased)',
      body_text: '(erased)',
      body_html: null,
      status: trx.raw("case when status in ('PENDING', 'SENDING') then 'FAILED' else status end"),
      last_error: trx.raw("case when status in ('PENDING', 'SENDING') then 'recipient erased' else last_error end"),
    });
  await trx('awaiting_recipient').whereIn('user_id', userIds).delete();
}
