import type { Knex } from 'knex';

/** An erased customer's read-model row stays, without name or address, so that a late user event cannot refill it. */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('alter table customer_addresses add column erased_at timestamptz');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('alter table customer_addresses drop column if exists erased_at');
}
