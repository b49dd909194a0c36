import type { Knex } from 'knex';

/**
 * Orders and carts by variant. The catalogue gains its variants (a product's default variant has the product's id,
 * so each product kept so far becomes its own default variant); order lines gain the variant and its option values
 * (the variant of a line placed before is the product's default one); cart lines and stock levels are now keyed by
 * variant, which for everything kept so far is the same id.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table catalog_variants (
      variant_id uuid primary key,
      product_id uuid not null,
      sku text not null,
      product_name text not null default '',
      options jsonb not null default '[]',
      price_cents bigint check (price_cents >= 0),
      currency char(3),
      archived boolean not null default false,
      version integer not null,
      updated_at timestamptz not null default now()
    )`);
  await knex.raw('create index catalog_variants_product_idx on catalog_variants (product_id)');
  await knex.raw(`
    insert into catalog_variants (variant_id, product_id, sku, product_name, price_cents, currency, archived, version)
    select product_id, product_id, sku, name, price_cents, currency, archived, version from catalog`);

  await knex.raw('alter table order_lines add column variant_id uuid');
  await knex.raw("alter table order_lines add column options jsonb not null default '[]'");
  await knex.raw('update order_lines set variant_id = product_id');
  await knex.raw('alter table order_lines alter column variant_id set not null');
  await knex.raw('alter table order_lines drop constraint order_lines_order_id_product_id_unique');
  await knex.raw('alter table order_lines add constraint order_lines_order_variant_unique unique (order_id, variant_id)');

  await knex.raw('alter table cart_lines rename column product_id to variant_id');
  await knex.raw('alter table stock_levels rename column product_id to variant_id');
}

export async function down(): Promise<void> {
  throw new Error('orders by variant cannot be undone once a product has several variants');
}
