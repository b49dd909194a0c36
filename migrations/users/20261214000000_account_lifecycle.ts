import type { Knex } from 'knex';

/**
 * Account lifecycle: verified addresses, single-use account tokens (verification, password reset) stored only as
 * hashes, erasure, and each user's own data key (personal fields of events are sealed with it; deleting it erases
 * what those events carry). Accounts made before verification existed count as verified.
 */
export async function up(knex: Knex): Promise<void> {
  // data_key: the user's own key, sealed under PERSONAL_DATA_KEY; made with the first event that needs it.
  await knex.raw('alter table users add column email_verified_at timestamptz, add column erased_at timestamptz, add column data_key text');
  await knex.raw('update users set email_verified_at = created_at');
  // Attempts name the account by a hash of its email: the throttle needs only equality, and no table outside
  // users keeps an address once its account is erased. Attempts live minutes; the ones there are dropped.
  await knex.raw('delete from password_attempts');
  await knex.raw('alter table password_attempts rename column email to email_hash');
  await knex.raw(`
    create table account_tokens (
      id uuid primary key,
      user_id uuid not null references users (id) on delete cascade,
      purpose text not null check (purpose in ('verify_email', 'reset_password')),
      token_hash text not null unique,
      expires_at timestamptz not null,
      used_at timestamptz,
      created_at timestamptz not null default now()
    )`);
  await knex.raw('create index account_tokens_user_idx on account_tokens (user_id, purpose)');
  await knex.raw(`
    create table account_requests (
      id bigint generated always as identity primary key,
      kind text not null check (kind in ('verification_resend', 'password_reset', 'registration_attempt', 'export')),
      subject text not null,
      requested_at timestamptz not null default now()
    )`);
  await knex.raw('create index account_requests_subject_idx on account_requests (kind, subject, requested_at desc)');
  await knex.raw(`
    create table erasures (
      user_id uuid primary key references users (id),
      requested_by uuid not null,
      requested_at timestamptz not null default now()
    )`);
  await knex.raw(`
    create table erasure_progress (
      user_id uuid not null references erasures (user_id),
      module text not null,
      erased_at timestamptz not null,
      primary key (user_id, module)
    )`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop table if exists erasure_progress');
  await knex.raw('drop table if exists erasures');
  await knex.raw('drop table if exists account_requests');
  await knex.raw('drop table if exists account_tokens');
  await knex.raw('delete from password_attempts');
  await knex.raw('alter table password_attempts rename column email_hash to email');
  await knex.raw('alter table users drop column if exists email_verified_at, drop column if exists erased_at, drop column if exists data_key');
}
