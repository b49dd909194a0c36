import type { Knex } from 'knex';

/**
 * Password attempts replace login_failures: an attempt is recorded before the password is checked (so no
 * number of concurrent guesses gets more checks than the limit), and counted per account and client address,
 * so that failures from one address never lock the owner out from another. Registrations are counted per
 * address: each costs a password hash.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table password_attempts (
      id bigint generated always as identity primary key,
      email text not null,
      ip text not null,
      kind text not null check (kind in ('sign_in', 'password_change')),
      attempted_at timestamptz not null default now()
    )`);
  await knex.raw('create index password_attempts_pair_idx on password_attempts (email, ip, attempted_at desc)');
  await knex.raw('create index password_attempts_ip_idx on password_attempts (ip, attempted_at desc)');
  await knex.raw(`
    create table registration_attempts (
      id bigint generated always as identity primary key,
      ip text not null,
      attempted_at timestamptz not null default now()
    )`);
  await knex.raw('create index registration_attempts_ip_idx on registration_attempts (ip, attempted_at desc)');
  await knex.raw('drop table login_failures');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop table if exists registration_attempts');
  await knex.raw('drop table if exists password_attempts');
  await knex.raw(`
    create table login_failures (
      id bigint generated always as identity primary key,
      email text not null,
      ip text not null,
      failed_at timestamptz not null default now()
    )`);
  await knex.raw('create index login_failures_email_idx on login_failures (email, failed_at desc)');
  await knex.raw('create index login_failures_ip_idx on login_failures (ip, failed_at desc)');
}
