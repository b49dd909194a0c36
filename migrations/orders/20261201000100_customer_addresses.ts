import type { Knex } from 'knex';

/** The orders module's read model of each customer's default shipping address, fed by user events. */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table customer_addresses (
      customer_id uuid primary key,
      name text not null,
      default_shipping_address jsonb,
      updated_at timestamptz not null default now()
    )`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop table if exists customer_addresses');
}
