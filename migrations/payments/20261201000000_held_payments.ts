import type { Knex } from 'knex';

/**
 * A payment may arrive before this module has learned of its order, or while the order still waits for stock:
 * it is held (REQUIRES_ORDER, PENDING) with the provider's card token until the order can be charged, and ends
 * CANCELLED, uncharged, with a reason when it cannot. A held payment names an order this module may never see,
 * so payments no longer reference the read model's row.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('alter table payments drop constraint payments_order_id_fkey');
  await knex.raw('alter table payments drop constraint payments_status_check');
  await knex.raw(`
    alter table payments
      add constraint payments_status_check check (status in
        ('REQUIRES_ORDER', 'PENDING', 'PROCESSING', 'SUCCEEDED', 'FAILED', 'PARTIALLY_REFUNDED', 'REFUNDED', 'CANCELLED')),
      alter column amount_cents drop not null,
      alter column currency drop not null,
      add column requested_by_admin boolean not null default false,
      add column payment_method_token text,
      add column cancellation_reason text,
      add constraint payments_amount_known check (status in ('REQUIRES_ORDER', 'CANCELLED') or (amount_cents is not null and currency is not null)),
      add constraint payments_token_only_while_held check (payment_method_token is null or status in ('REQUIRES_ORDER', 'PENDING'))`);
  // Only a charge in flight or captured counts: held and cancelled payments never block the order's payment.
  await knex.raw('drop index payments_one_live_charge_per_order');
  await knex.raw(`
    create unique index payments_one_live_charge_per_order on payments (order_id)
      where status in ('PROCESSING', 'SUCCEEDED', 'PARTIALLY_REFUNDED', 'REFUNDED')`);
  // A held payment starts processing long after it was created: staleness counts from the last change.
  await knex.raw('drop index payments_processing');
  await knex.raw(`create index payments_processing on payments (updated_at) where status = 'PROCESSING'`);
  await knex.raw(`create index payments_held on payments (order_id, created_at, id) where status in ('REQUIRES_ORDER', 'PENDING')`);
  await knex.raw(`create index payments_requiring_order on payments (created_at) where status = 'REQUIRES_ORDER'`);

  await knex.raw(`alter table payable_orders add column closed_reason text`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`delete from payments where status in ('REQUIRES_ORDER', 'PENDING', 'CANCELLED')`);
  await knex.raw('alter table payable_orders drop column closed_reason');
  await knex.raw('drop index payments_requiring_order');
  await knex.raw('drop index payments_held');
  await knex.raw('drop index payments_processing');
  await knex.raw(`create index payments_processing on payments (created_at) where status = 'PROCESSING'`);
  await knex.raw('drop index payments_one_live_charge_per_order');
  await knex.raw(`create unique index payments_one_live_charge_per_order on payments (order_id) where status <> 'FAILED'`);
  await knex.raw(`
    alter table payments
      drop constraint payments_token_only_while_held,
      drop constraint payments_amount_known,
      drop column cancellation_reason,
      drop column payment_method_token,
      drop column requested_by_admin,
      alter column amount_cents set not null,
      alter column currency set not null,
      drop constraint payments_status_check,
      add constraint payments_status_check check (status in ('PROCESSING', 'SUCCEEDED', 'FAILED', 'PARTIALLY_REFUNDED', 'REFUNDED')),
      add constraint payments_order_id_fkey foreign key (order_id) references payable_orders (order_id)`);
}
