import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table products (
      id uuid primary key,
      sku text not null constraint products_sku_unique unique,
      name text not null,
      description text not null,
      price_cents bigint not null check (price_cents >= 0),
      currency char(3) not null check (currency ~ '^[A-Z]{3}$'),
      category text not null,
      image_url text,
      version integer not null default 1,
      archived_at timestamptz(3),
      in_stock boolean not null default false,
      stock_version integer not null default 0,
      -- millisecond precision, so a created_at carried in a cursor round-trips exactly through a JS Date
      created_at timestamptz(3) not null default now(),
      updated_at timestamptz(3) not null default now(),
      search_document tsvector generated always as (
        setweight(to_tsvector('english'::regconfig, name), 'A') ||
        setweight(to_tsvector('english'::regconfig, category), 'B') ||
        setweight(to_tsvector('english'::regconfig, description), 'C')
      ) stored
    )`);
  await knex.raw('create index products_search_idx on products using gin (search_document)');
  await knex.raw('create index products_listed_created_idx on products (created_at desc, id desc) where archived_at is null');
  await knex.raw('create index products_listed_price_idx on products (price_cents, id) where archived_at is null');
  await knex.raw('create index products_listed_name_idx on products (name, id) where archived_at is null');
  await knex.raw('create index products_listed_category_idx on products (category) where archived_at is null');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop table if exists products');
}
