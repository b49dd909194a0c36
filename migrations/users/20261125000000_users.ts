import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table users (
      id uuid primary key,
      email text not null,
      name text not null,
      phone text,
      default_shipping_address jsonb,
      role text not null check (role in ('customer', 'admin')),
      password_hash text not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`);
  // Emails are stored normalised; the index on lower() still guards against a writer that forgets.
  await knex.raw('create unique index users_email_unique on users (lower(email))');
  await knex.raw('create index users_created_at_id_idx on users (created_at desc, id desc)');
  await knex.raw("create index users_admins_idx on users (id) where role = 'admin'");
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop table if exists users');
}
