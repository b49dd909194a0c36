import type { Knex } from 'knex';

/** Failed sign-in attempts, shared by every API instance, counted per account and per client IP. */
export async function up(knex: Knex): Promise<void> {
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

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop table if exists login_failures');
}
