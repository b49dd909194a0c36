import type { Knex } from 'knex';

/**
 * A server-side cart per customer, and the orders module's read model of available stock (fed by
 * StockLevelChanged), so that a cart can show what can be bought without asking inventory.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table carts (
      id uuid primary key,
      customer_id uuid not null unique,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      -- The updated_at of the cart state already announced as abandoned: once per state.
      abandoned_state timestamptz,
      -- A promotion code to apply at checkout; its use is taken then, with the order.
      promotion_code text
    )`);
  await knex.raw('create index carts_updated_at_idx on carts (updated_at)');
  await knex.raw(`
    create table cart_lines (
      cart_id uuid not null references carts (id) on delete cascade,
      product_id uuid not null,
      quantity integer not null check (quantity between 1 and 100),
      added_at timestamptz not null default now(),
      primary key (cart_id, product_id)
    )`);
  await knex.raw(`
    create table stock_levels (
      product_id uuid primary key,
      available integer not null,
      version integer not null,
      updated_at timestamptz not null default now()
    )`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop table if exists stock_levels');
  await knex.raw('drop table if exists cart_lines');
  await knex.raw('drop table if exists carts');
}
