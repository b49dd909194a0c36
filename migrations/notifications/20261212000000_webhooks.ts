import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // Admins are told when a webhook endpoint is disabled: the read model learns each user's role.
  await knex.schema.alterTable('recipients', (t) => {
    t.text('role');
  });

  await knex.schema.createTable('webhook_endpoints', (t) => {
    t.uuid('id').primary();
    t.text('url').notNullable();
    t.specificType('event_types', 'text[]').notNullable();
    t.text('description').notNullable().defaultTo('');
    t.boolean('enabled').notNullable().defaultTo(true);
    t.text('disabled_reason');
    // [{ id, sealed, createdAt, expiresAt }]: each secret sealed with WEBHOOK_SECRETS_KEY (AES-256-GCM).
    t.jsonb('secrets').notNullable();
    // The current run of failed attempts: how many, and since when (null while the endpoint answers).
    t.integer('consecutive_failures').notNullable().defaultTo(0);
    t.timestamp('failing_since', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });

  await knex.schema.createTable('webhook_deliveries', (t) => {
    t.uuid('id').primary();
    // The order deliveries of one endpoint and aggregate are sent in, and the delivery log's keyset.
    t.bigIncrements('seq', { primaryKey: false }).notNullable().unique();
    t.uuid('endpoint_id').notNullable().references('id').inTable('webhook_endpoints').onDelete('CASCADE');
    t.uuid('event_id').notNullable();
    t.text('event_type').notNullable();
    t.text('aggregate_id').notNullable();
    // event (the fan-out of a consumed event), replay, redelivery or ping.
    t.text('kind').notNullable();
    t.text('body').notNullable();
    t.text('status').notNullable().defaultTo('PENDING');
    t.integer('attempts').notNullable().defaultTo(0);
    t.timestamp('next_attempt_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    // Set while an attempt is in flight: a dispatcher that dies mid-attempt leaves it to be tried again after this.
    t.timestamp('lease_until', { useTz: true });
    t.integer('last_status_code');
    t.integer('last_duration_ms');
    t.text('last_error');
    t.text('last_response_excerpt');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.raw('clock_timestamp()'));
    t.timestamp('finished_at', { useTz: true });
  });
  await knex.raw(
    `alter table webhook_deliveries add constraint webhook_deliveries_status_check check (status in ('PENDING', 'SUCCEEDED', 'FAILED'))`,
  );
  await knex.raw(
    `alter table webhook_deliveries add constraint webhook_deliveries_kind_check check (kind in ('event', 'replay', 'redelivery', 'ping'))`,
  );
  // A consumed event fans out to an endpoint once, whatever the redeliveries of the event.
  await knex.raw(`create unique index webhook_deliveries_event_once on webhook_deliveries (endpoint_id, event_id) where kind = 'event'`);
  // Lanes: the unfinished deliveries of one endpoint and aggregate, oldest first; only a lane's head is sent.
  await knex.raw(`create index webhook_deliveries_lanes on webhook_deliveries (endpoint_id, aggregate_id, seq) where status = 'PENDING'`);
  await knex.raw(`create index webhook_deliveries_due on webhook_deliveries (endpoint_id, next_attempt_at) where status = 'PENDING'`);
  await knex.raw(`create index webhook_deliveries_log on webhook_deliveries (endpoint_id, seq)`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('webhook_deliveries');
  await knex.schema.dropTable('webhook_endpoints');
  await knex.schema.alterTable('recipients', (t) => {
    t.dropColumn('role');
  });
}
