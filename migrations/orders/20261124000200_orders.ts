import type { Knex } from 'knex';

const STATUSES = ['PENDING', 'AWAITING_PAYMENT', 'PAID', 'SHIPPED', 'DELIVERED', 'REJECTED', 'CANCELLED', 'EXPIRED'];

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('orders', (t) => {
    t.uuid('id').primary();
    t.uuid('customer_id').notNullable();
    t.text('status').notNullable().checkIn(STATUSES, 'orders_status_known');
    t.bigInteger('total_cents').notNullable().checkPositive('orders_total_positive');
    t.specificType('currency', 'char(3)').notNullable();
    t.jsonb('shipping_address').notNullable();
    t.timestamp('payment_due_at', { useTz: true }).nullable();
    t.text('payment_id').nullable();
    t.text('tracking_number').nullable();
    t.text('status_reason').nullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
  });
  // Keyset pagination, newest first: a customer's own orders, and an admin's view filtered by status.
  await knex.raw('create index orders_customer_created_idx on orders (customer_id, created_at desc, id desc)');
  await knex.raw('create index orders_status_created_idx on orders (status, created_at desc, id desc)');
  await knex.raw('create index orders_created_idx on orders (created_at desc, id desc)');
  await knex.raw("create index orders_payment_due_idx on orders (payment_due_at) where status = 'AWAITING_PAYMENT'");

  await knex.schema.createTable('order_lines', (t) => {
    t.uuid('order_id').notNullable().references('id').inTable('orders').onDelete('CASCADE');
    t.integer('line_number').notNullable();
    t.uuid('product_id').notNullable();
    t.text('sku').notNullable();
    t.text('name').notNullable();
    t.integer('quantity').notNullable();
    t.bigInteger('unit_price_cents').notNullable();
    t.bigInteger('line_total_cents').notNullable();
    t.primary(['order_id', 'line_number']);
    t.unique(['order_id', 'product_id']);
  });
  await knex.raw('alter table order_lines add constraint order_lines_quantity_range check (quantity between 1 and 100)');
  await knex.raw(
    'alter table order_lines add constraint order_lines_total_matches check (line_total_cents = unit_price_cents * quantity)',
  );

  await knex.schema.createTable('order_status_history', (t) => {
    t.bigIncrements('id');
    t.uuid('order_id').notNullable().references('id').inTable('orders').onDelete('CASCADE');
    t.text('from_status').nullable();
    t.text('to_status').notNullable();
    t.text('reason').nullable();
    t.text('actor').notNullable();
    t.timestamp('occurred_at', { useTz: true }).notNullable();
    t.index(['order_id', 'id']);
  });

  await knex.schema.createTable('order_idempotency_keys', (t) => {
    t.uuid('customer_id').notNullable();
    t.text('key').notNullable();
    t.specificType('request_hash', 'char(64)').notNullable();
    t.uuid('order_id').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['customer_id', 'key']);
  });
  // The key row is written before its order in the same transaction, so the check waits for commit.
  await knex.raw(`
    alter table order_idempotency_keys add constraint order_idempotency_keys_order_fk
      foreign key (order_id) references orders (id) on delete cascade deferrable initially deferred`);

  // Events that arrived for an order in a state where they no longer apply, and what was done about them.
  await knex.schema.createTable('order_unapplied_events', (t) => {
    t.bigIncrements('id');
    t.text('order_id').notNullable();
    t.uuid('event_id').notNullable();
    t.text('event_type').notNullable();
    t.text('order_status').nullable();
    t.text('action').notNullable();
    t.timestamp('recorded_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['order_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('order_unapplied_events');
  await knex.schema.dropTable('order_idempotency_keys');
  await knex.schema.dropTable('order_status_history');
  await knex.schema.dropTable('order_lines');
  await knex.schema.dropTable('orders');
}
