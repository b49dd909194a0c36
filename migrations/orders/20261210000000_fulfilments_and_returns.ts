import type { Knex } from 'knex';

/**
 * Fulfilments (units of a paid order packed and shipped from one stock location) and returns (delivered units sent
 * back, received, restocked or not, and refunded). Each order line keeps where inventory holds its unshipped units
 * (`allocations`, from StockReserved and StockAllocationMoved), and the stock read model keeps what each location
 * has available, so a fulfilment from another location is refused at once when that location is short.
 * Orders already shipped or delivered keep their status; their fulfilment is the one they shipped as a whole.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('alter table orders add column refunded_cents bigint not null default 0 check (refunded_cents >= 0)');
  await knex.raw(`alter table order_lines add column allocations jsonb not null default '[]'`);
  await knex.raw(`alter table stock_levels add column locations jsonb not null default '[]'`);
  await knex.raw('alter table orders drop constraint orders_status_known');
  await knex.raw(`
    alter table orders add constraint orders_status_known check (status in
      ('PENDING', 'AWAITING_PAYMENT', 'PAID', 'PARTIALLY_SHIPPED', 'SHIPPED', 'DELIVERED', 'REJECTED', 'CANCELLED', 'EXPIRED'))`);
  await knex.raw(`
    create table fulfilments (
      id uuid primary key,
      order_id uuid not null references orders (id),
      location_id uuid,
      status text not null check (status in ('PENDING', 'SHIPPED', 'DELIVERED', 'CANCELLED')),
      stock text not null check (stock in ('HELD', 'MOVING', 'REFUSED')),
      lines jsonb not null,
      moves jsonb not null default '[]',
      carrier text,
      tracking_number text,
      tracking_url text,
      reason text,
      created_by text not null,
      created_at timestamptz(3) not null default now(),
      shipped_at timestamptz(3),
      delivered_at timestamptz(3),
      cancelled_at timestamptz(3)
    )`);
  await knex.raw('create index fulfilments_order on fulfilments (order_id, created_at)');
  await knex.raw(`
    create table returns (
      id uuid primary key,
      order_id uuid not null references orders (id),
      customer_id uuid not null,
      status text not null check (status in ('REQUESTED', 'APPROVED', 'DECLINED', 'RECEIVED', 'REFUNDED')),
      lines jsonb not null,
      refund_shipping boolean not null default false,
      refund jsonb,
      refund_id uuid,
      refunded_minor bigint check (refunded_minor >= 0),
      created_at timestamptz(3) not null default now(),
      updated_at timestamptz(3) not null default now()
    )`);
  await knex.raw('create index returns_order on returns (order_id, created_at)');
  await knex.raw(`
    create table return_history (
      id bigserial primary key,
      return_id uuid not null references returns (id),
      status text not null,
      reason text,
      actor text not null,
      occurred_at timestamptz(3) not null default now()
    )`);
  await knex.raw('create index return_history_return on return_history (return_id, id)');
  // Orders shipped as a whole before fulfilments: one fulfilment of every unit, from an unnamed location.
  await knex.raw(`
    insert into fulfilments (id, order_id, location_id, status, stock, lines, tracking_number, created_by, created_at, shipped_at, delivered_at)
    select gen_random_uuid(), o.id, null, case when o.status = 'DELIVERED' then 'DELIVERED' else 'SHIPPED' end, 'HELD',
           (select jsonb_agg(jsonb_build_object('variantId', l.variant_id, 'quantity', l.quantity) order by l.line_number) from order_lines l where l.order_id = o.id),
           o.tracking_number, 'system', o.updated_at, o.updated_at, case when o.status = 'DELIVERED' then o.updated_at end
      from orders o where o.status in ('SHIPPED', 'DELIVERED')`);
}

export async function down(): Promise<void> {
  throw new Error('fulfilments and returns cannot be undone: restore from a backup');
}
