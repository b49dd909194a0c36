import type { Knex } from 'knex';

/**
 * Promotion codes and their uses. `times_used` counts uses not released; the check keeps it within
 * `usage_limit` even if application code were wrong. Orders remember their subtotal, discount and code.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table promotions (
      id uuid primary key,
      code text not null,
      description text,
      kind text not null check (kind in ('percentage', 'fixed')),
      value bigint not null check (value > 0),
      currency char(3),
      min_subtotal_cents bigint check (min_subtotal_cents >= 0),
      usage_limit integer check (usage_limit > 0),
      per_customer_limit integer check (per_customer_limit > 0),
      starts_at timestamptz,
      ends_at timestamptz,
      active boolean not null default true,
      times_used integer not null default 0,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint promotions_percentage_range check (kind <> 'percentage' or value <= 100),
      constraint promotions_fixed_currency check (kind <> 'fixed' or currency is not null),
      constraint promotions_within_limit check (usage_limit is null or times_used <= usage_limit),
      constraint promotions_used_non_negative check (times_used >= 0)
    )`);
  await knex.raw('create unique index promotions_code_unique on promotions (lower(code))');
  await knex.raw('create index promotions_created_idx on promotions (created_at desc, id desc)');
  await knex.raw(`
    create table promotion_uses (
      order_id uuid primary key,
      promotion_id uuid not null references promotions (id),
      customer_id uuid not null,
      taken_at timestamptz not null default now(),
      released_at timestamptz
    )`);
  await knex.raw('create index promotion_uses_customer_idx on promotion_uses (promotion_id, customer_id) where released_at is null');
  await knex.raw('alter table orders add column subtotal_cents bigint, add column discount_cents bigint not null default 0, add column promotion_code text');
  await knex.raw('update orders set subtotal_cents = total_cents');
  await knex.raw('alter table orders alter column subtotal_cents set not null');
  await knex.raw('alter table orders add constraint orders_discount_within_subtotal check (discount_cents >= 0 and total_cents = subtotal_cents - discount_cents)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('alter table orders drop constraint orders_discount_within_subtotal');
  await knex.raw('alter table orders drop column subtotal_cents, drop column discount_cents, drop column promotion_code');
  await knex.raw('drop table if exists promotion_uses');
  await knex.raw('drop table if exists promotions');
}
