import type { Knex } from 'knex';

/**
 * Promotion codes a customer tried (PUT /cart/promotion, POST /orders with a code), recorded before the code is
 * looked up and forgotten when it applied: what the per-customer limit on trying codes counts.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table promotion_attempts (
      id bigint generated always as identity primary key,
      customer_id uuid not null,
      attempted_at timestamptz not null default now()
    )`);
  await knex.raw('create index promotion_attempts_customer_idx on promotion_attempts (customer_id, attempted_at desc)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop table if exists promotion_attempts');
}
