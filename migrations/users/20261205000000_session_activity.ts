import type { Knex } from 'knex';

/** Sign-ins and refreshes are counted per user and minute; ended sessions and expired tokens are purged. */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('create index sessions_user_created_idx on sessions (user_id, created_at desc)');
  await knex.raw('create index sessions_revoked_idx on sessions (revoked_at) where revoked_at is not null');
  await knex.raw('create index sessions_created_idx on sessions (created_at)');
  await knex.raw('create index refresh_tokens_session_issued_idx on refresh_tokens (session_id, issued_at desc)');
  await knex.raw('create index refresh_tokens_expires_idx on refresh_tokens (expires_at)');
  await knex.raw('create index password_attempts_email_idx on password_attempts (email, attempted_at desc)');
  await knex.raw('create index password_attempts_attempted_idx on password_attempts (attempted_at)');
  await knex.raw('create index registration_attempts_attempted_idx on registration_attempts (attempted_at)');
}

export async function down(knex: Knex): Promise<void> {
  for (const index of [
    'registration_attempts_attempted_idx',
    'password_attempts_attempted_idx',
    'password_attempts_email_idx',
    'refresh_tokens_expires_idx',
    'refresh_tokens_session_issued_idx',
    'sessions_created_idx',
    'sessions_revoked_idx',
    'sessions_user_created_idx',
  ]) {
    await knex.raw('drop index if exists ??', [index]);
  }
}
