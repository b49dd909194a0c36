import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // The module's read model of users, built from UserRegistered / UserProfileUpdated. Preferences may be set
  // before the user's registration event arrives, so email and name are null until it does.
  await knex.schema.createTable('recipients', (t) => {
    t.uuid('user_id').primary();
    t.text('email');
    t.text('name');
    t.text('phone');
    t.boolean('email_enabled').notNullable().defaultTo(true);
    t.boolean('sms_enabled').notNullable().defaultTo(false);
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });

  // Notifications whose recipient is not known yet (an order event overtook the user's registration on
  // another topic). They become notifications when the recipient arrives.
  await knex.schema.createTable('awaiting_recipient', (t) => {
    t.uuid('source_event_id').primary();
    t.uuid('user_id').notNullable().index();
    t.text('template').notNullable();
    t.jsonb('data').notNullable();
    t.text('correlation_id');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });

  await knex.schema.createTable('notifications', (t) => {
    t.uuid('id').primary();
    // Keyset pagination runs over this sequence: exact and stable, unlike timestamps truncated to ms in JS.
    t.bigIncrements('seq', { primaryKey: false }).notNullable().unique();
    t.uuid('user_id').notNullable();
    t.text('channel').notNullable();
    t.text('template').notNullable();
    t.uuid('source_event_id').notNullable();
    t.text('correlation_id');
    t.text('recipient').notNullable();
    t.text('subject').notNullable();
    t.text('body_text').notNullable();
    t.text('body_html');
    t.text('status').notNullable().defaultTo('PENDING');
    t.integer('attempts').notNullable().defaultTo(0);
    t.timestamp('next_attempt_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('claimed_at', { useTz: true });
    t.text('last_error');
    // clock_timestamp(), not now(): the time of the insert, so created_at follows seq (newest first).
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.raw('clock_timestamp()'));
    t.timestamp('sent_at', { useTz: true });
    t.timestamp('failed_at', { useTz: true });
    t.unique(['source_event_id', 'channel']);
    t.index(['user_id', 'seq']);
  });
  await knex.raw(`alter table notifications add constraint notifications_channel_check check (channel in ('email', 'sms'))`);
  await knex.raw(
    `alter table notifications add constraint notifications_status_check check (status in ('PENDING', 'SENDING', 'SENT', 'FAILED'))`,
  );
  await knex.raw(`create index notifications_due_idx on notifications (next_attempt_at) where status = 'PENDING'`);
  await knex.raw(`create index notifications_sending_idx on notifications (claimed_at) where status = 'SENDING'`);

  // What the development SMS transport "sent": a provider stand-in that tests and developers can read.
  await knex.schema.createTable('sms_messages', (t) => {
    t.uuid('notification_id').primary();
    t.text('to').notNullable();
    t.text('body').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('sms_messages');
  await knex.schema.dropTable('notifications');
  await knex.schema.dropTable('awaiting_recipient');
  await knex.schema.dropTable('recipients');
}
