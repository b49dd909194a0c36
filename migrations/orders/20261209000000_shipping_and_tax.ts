import type { Knex } from 'knex';

/**
 * Shipping zones and options, tax regions, and what an order freezes of them: its shipping line (option, price,
 * tax), per line its discount share and tax, its tax total, whether its prices included tax, and the rounding rule.
 * Orders placed before carry no shipping and no tax (zero), as they were charged.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`alter table catalog_variants add column tax_class text not null default 'standard'`);
  await knex.raw('alter table catalog_variants add column weight_grams integer');

  await knex.raw(`
    create table shipping_zones (
      id uuid primary key,
      name text not null,
      countries text[] not null,
      postcode_prefixes text[] not null default '{}',
      created_at timestamptz(3) not null default now()
    )`);
  await knex.raw(`
    create table shipping_options (
      id uuid primary key,
      zone_id uuid not null references shipping_zones (id),
      name text not null,
      price_minor bigint not null check (price_minor >= 0),
      currency char(3) not null,
      free_above_minor bigint check (free_above_minor >= 0),
      weight_bands jsonb,
      active boolean not null default true,
      created_at timestamptz(3) not null default now()
    )`);
  await knex.raw(`
    create table tax_regions (
      id uuid primary key,
      country char(2) not null,
      region text,
      rates jsonb not null,
      prices_include_tax boolean not null default false,
      shipping_taxed boolean not null default true,
      created_at timestamptz(3) not null default now()
    )`);
  await knex.raw("create unique index tax_regions_place_unique on tax_regions (country, coalesce(region, ''))");

  await knex.raw('alter table orders add column shipping jsonb');
  await knex.raw('alter table orders add column tax_cents bigint not null default 0 check (tax_cents >= 0)');
  await knex.raw('alter table orders add column prices_include_tax boolean not null default false');
  await knex.raw("alter table orders add column rounding text not null default 'half-up-per-line'");
  // The total adds up whatever path writes it: lines less discount, plus shipping, plus tax unless prices include it.
  await knex.raw('alter table orders drop constraint orders_discount_within_subtotal');
  await knex.raw(`
    alter table orders add constraint orders_total_adds_up check (
      discount_cents >= 0 and discount_cents <= subtotal_cents
      and total_cents = subtotal_cents - discount_cents + coalesce((shipping->>'priceCents')::bigint, 0)
                        + case when prices_include_tax then 0 else tax_cents end)`);
  await knex.raw('alter table order_lines add column discount_cents bigint not null default 0 check (discount_cents >= 0)');
  await knex.raw('alter table order_lines add column tax jsonb');
  await knex.raw('alter table carts add column shipping_option_id uuid');
}

export async function down(): Promise<void> {
  throw new Error('orders priced with shipping and tax cannot be undone');
}
