import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table stock_items (
      product_id uuid primary key,
      sku text not null,
      on_hand integer not null default 0 check (on_hand >= 0),
      reserved integer not null default 0 check (reserved >= 0),
      low_stock_threshold integer not null default 5 check (low_stock_threshold >= 0),
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint stock_items_reserved_within_on_hand check (reserved <= on_hand)
    )`);
  await knex.raw('create index stock_items_low_stock_idx on stock_items (product_id) where on_hand - reserved <= low_stock_threshold');

  await knex.raw(`
    create table stock_adjustments (
      id uuid primary key,
      product_id uuid not null references stock_items (product_id),
      delta integer not null check (delta <> 0),
      reason text not null check (reason in ('restock', 'damage', 'correction', 'return')),
      note text,
      order_id uuid,
      actor_user_id text,
      idempotency_key text,
      on_hand_after integer not null,
      reserved_after integer not null,
      -- millisecond precision, so a created_at carried in a cursor round-trips exactly through a JS Date
      created_at timestamptz(3) not null default now(),
      constraint stock_adjustments_idempotency_key_unique unique (product_id, idempotency_key)
    )`);
  await knex.raw('create index stock_adjustments_product_idx on stock_adjustments (product_id, created_at desc, id desc)');

  await knex.raw(`
    create table reservations (
      order_id uuid primary key,
      status text not null check (status in ('RESERVED', 'FAILED', 'RELEASED', 'COMMITTED', 'RETURNED')),
      lines jsonb not null,
      reason text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop table if exists reservations');
  await knex.raw('drop table if exists stock_adjustments');
  await knex.raw('drop table if exists stock_items');
}
