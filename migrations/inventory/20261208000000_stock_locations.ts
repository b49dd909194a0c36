import type { Knex } from 'knex';

/**
 * Stock locations, and stock per variant per location. A stock item was a product's; it is now a variant's, and
 * a product's default variant has the product's id, so every item keeps its key and only gains the product it
 * belongs to. Everything on hand and reserved moves to the `default` location, and every reservation's lines gain
 * their allocation there: nothing reserved or committed changes.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table stock_locations (
      id uuid primary key default gen_random_uuid(),
      code text not null constraint stock_locations_code_unique unique check (code ~ '^[a-z0-9][a-z0-9-]{0,39}$'),
      name text not null,
      country char(2) not null check (country ~ '^[A-Z]{2}$'),
      -- lower first: orders are allocated to the lowest priority that can serve them
      priority integer not null default 100 check (priority between 0 and 10000),
      active boolean not null default true,
      created_at timestamptz(3) not null default now(),
      updated_at timestamptz(3) not null default now()
    )`);
  const [defaultLocation] = (
    await knex.raw(`insert into stock_locations (code, name, country, priority) values ('default', 'Default warehouse', 'US', 0) returning id`)
  ).rows as Array<{ id: string }>;

  await knex.raw('alter table stock_items rename column product_id to variant_id');
  await knex.raw('alter table stock_items add column product_id uuid');
  await knex.raw('update stock_items set product_id = variant_id');
  await knex.raw('alter table stock_items alter column product_id set not null');

  await knex.raw(`
    create table stock_levels (
      variant_id uuid not null references stock_items (variant_id),
      location_id uuid not null references stock_locations (id),
      on_hand integer not null default 0 check (on_hand >= 0),
      reserved integer not null default 0 check (reserved >= 0),
      updated_at timestamptz(3) not null default now(),
      primary key (variant_id, location_id),
      constraint stock_levels_reserved_within_on_hand check (reserved <= on_hand)
    )`);
  await knex.raw('create index stock_levels_location_idx on stock_levels (location_id)');
  await knex.raw(
    `insert into stock_levels (variant_id, location_id, on_hand, reserved) select variant_id, ?, on_hand, reserved from stock_items`,
    [defaultLocation.id],
  );

  await knex.raw('alter table stock_adjustments rename column product_id to variant_id');
  await knex.raw('alter table stock_adjustments add column location_id uuid references stock_locations (id)');
  await knex.raw('update stock_adjustments set location_id = ?', [defaultLocation.id]);
  await knex.raw('alter table stock_adjustments alter column location_id set not null');

  await knex.raw(
    `update reservations r
        set lines = coalesce((
          select jsonb_agg(jsonb_build_object(
                   'variantId', line->>'productId',
                   'productId', line->>'productId',
                   'quantity', (line->>'quantity')::int,
                   'allocations', case when r.status = 'FAILED' then '[]'::jsonb
                                       else jsonb_build_array(jsonb_build_object('locationId', ?::text, 'quantity', (line->>'quantity')::int)) end))
            from jsonb_array_elements(r.lines) line), '[]'::jsonb)`,
    [defaultLocation.id],
  );
}

export async function down(): Promise<void> {
  throw new Error('stock locations cannot be undone without losing where stock is');
}
