import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // The payments module's own view of orders, built from OrderStream events (never from the orders schema).
  await knex.raw(`
    create table payable_orders (
      order_id uuid primary key,
      customer_id uuid not null,
      status text not null check (status in ('PENDING', 'PAYABLE', 'PAID', 'CLOSED')),
      amount_cents bigint check (amount_cents >= 0),
      currency char(3),
      payment_due_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`);

  await knex.raw(`
    create table payments (
      id uuid primary key,
      order_id uuid not null references payable_orders (order_id),
      customer_id uuid not null,
      requested_by uuid not null,
      idempotency_key text not null,
      request_fingerprint char(64) not null,
      status text not null check (status in ('PROCESSING', 'SUCCEEDED', 'FAILED', 'PARTIALLY_REFUNDED', 'REFUNDED')),
      amount_cents bigint not null check (amount_cents > 0),
      currency char(3) not null,
      refunded_cents bigint not null default 0,
      card_brand text,
      card_last4 char(4) check (card_last4 ~ '^[0-9]{4}$'),
      provider_reference text,
      decline_code text,
      failure_reason text,
      -- millisecond precision, so the keyset cursor of a listing survives the round trip through a JS Date
      created_at timestamptz not null default date_trunc('milliseconds', clock_timestamp()),
      updated_at timestamptz not null default now(),
      settled_at timestamptz,
      constraint payments_idempotency_key_unique unique (requested_by, idempotency_key),
      constraint payments_refunded_within_amount check (refunded_cents between 0 and amount_cents)
    )`);
  // At most one charge per order can be in flight or captured; declined attempts may pile up.
  await knex.raw(`create unique index payments_one_live_charge_per_order on payments (order_id) where status <> 'FAILED'`);
  await knex.raw('create index payments_by_order on payments (order_id, created_at desc, id desc)');
  await knex.raw('create index payments_by_customer on payments (customer_id, created_at desc, id desc)');
  await knex.raw('create index payments_by_created on payments (created_at desc, id desc)');
  await knex.raw(`create index payments_processing on payments (created_at) where status = 'PROCESSING'`);

  await knex.raw(`
    create table refunds (
      id uuid primary key,
      payment_id uuid not null references payments (id),
      amount_cents bigint not null check (amount_cents > 0),
      currency char(3) not null,
      status text not null check (status in ('PENDING', 'SUCCEEDED')),
      reason text not null,
      requested_by uuid,
      idempotency_key text,
      request_fingerprint char(64),
      provider_reference text,
      attempt_started_at timestamptz,
      created_at timestamptz not null default now(),
      completed_at timestamptz,
      constraint refunds_idempotency_key_unique unique (payment_id, idempotency_key)
    )`);
  await knex.raw('create index refunds_by_payment on refunds (payment_id, created_at)');
  await knex.raw(`create index refunds_pending on refunds (created_at) where status = 'PENDING'`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop table if exists refunds');
  await knex.raw('drop table if exists payments');
  await knex.raw('drop table if exists payable_orders');
}
