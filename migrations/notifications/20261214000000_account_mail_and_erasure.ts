import type { Knex } from 'knex';

/**
 * Whether a recipient's email address is verified (only account mail goes to one that is not), and erasure:
 * an erased recipient keeps no address, name or phone, and its notifications no bodies.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('alter table recipients add column email_verified boolean not null default true, add column erased_at timestamptz');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('alter table recipients drop column if exists email_verified, drop column if exists erased_at');
}
