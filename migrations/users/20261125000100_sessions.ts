import type { Knex } from 'knex';

/**
 * A session is one refresh-token family: every rotation adds a token to it, and revoking the session
 * revokes every token it ever issued.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table sessions (
      id uuid primary key,
      user_id uuid not null references users (id) on delete cascade,
      created_at timestamptz not null default now(),
      revoked_at timestamptz,
      revoked_reason text
    )`);
  await knex.raw('create index sessions_user_id_idx on sessions (user_id) where revoked_at is null');
  await knex.raw(`
    create table refresh_tokens (
      id uuid primary key,
      session_id uuid not null references sessions (id) on delete cascade,
      token_hash text not null unique,
      issued_at timestamptz not null default now(),
      expires_at timestamptz not null,
      used_at timestamptz
    )`);
  await knex.raw('create index refresh_tokens_session_id_idx on refresh_tokens (session_id)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop table if exists refresh_tokens');
  await knex.raw('drop table if exists sessions');
}
