import type { Knex } from 'knex';

/**
 * Options and variants. Every product gets a default variant whose id is the product's id, carrying its SKU,
 * price and stock flag, so the stock items, carts and orders other modules keep under the product's id name
 * that variant without any of them being rewritten.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table product_options (
      id uuid primary key,
      product_id uuid not null references products (id),
      name text not null,
      position integer not null,
      constraint product_options_name_unique unique (product_id, name)
    )`);
  await knex.raw(`
    create table product_option_values (
      id uuid primary key,
      option_id uuid not null references product_options (id) on delete cascade,
      value text not null,
      position integer not null,
      constraint product_option_values_value_unique unique (option_id, value)
    )`);
  await knex.raw(`
    create table variants (
      id uuid primary key,
      product_id uuid not null references products (id),
      sku text not null constraint variants_sku_unique unique,
      -- the variant's value of each option, in the options' order: one combination per live variant
      option_value_ids uuid[] not null default '{}',
      price_minor bigint not null check (price_minor >= 0),
      currency char(3) not null check (currency ~ '^[A-Z]{3}$'),
      weight_grams integer check (weight_grams >= 0),
      archived_at timestamptz(3),
      in_stock boolean not null default false,
      stock_version integer not null default 0,
      created_at timestamptz(3) not null default now(),
      updated_at timestamptz(3) not null default now()
    )`);
  await knex.raw('create unique index variants_live_combination_unique on variants (product_id, option_value_ids) where archived_at is null');
  await knex.raw('create index variants_product_idx on variants (product_id, created_at, id)');
  await knex.raw('create index variants_option_values_idx on variants using gin (option_value_ids) where archived_at is null');
  await knex.raw(`
    insert into variants (id, product_id, sku, price_minor, currency, archived_at, in_stock, stock_version, created_at, updated_at)
    select id, id, sku, price_cents, currency, archived_at, in_stock, stock_version, created_at, updated_at from products`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop table if exists variants');
  await knex.raw('drop table if exists product_option_values');
  await knex.raw('drop table if exists product_options');
}
