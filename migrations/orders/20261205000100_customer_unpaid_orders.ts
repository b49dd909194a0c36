import type { Knex } from 'knex';

/** A customer's unpaid orders, read under their ordering lock whenever they place another. */
export async function up(knex: Knex): Promise<void> {
  await knex.raw("create index orders_customer_unpaid_idx on orders (customer_id) where status in ('PENDING', 'AWAITING_PAYMENT')");
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index if exists orders_customer_unpaid_idx');
}
