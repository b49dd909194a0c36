import type { Knex } from 'knex';

/*
 * The steps every module's migrations take for its outbox and inbox, one function per step, named by what it
 * does. Frozen: a migration must create today what it created when it first ran, so these never change and
 * import nothing live; a new shape is a new step here and a new migration in each module.
 */

/**
 * Creates a module's outbox (events it publishes) and inbox (events it has handled).
 * Called from each module's first migration, so every schema has the same pair.
 */
export async function createOutboxAndInbox(db: Knex, schema: string): Promise<void> {
  // With published_at and a fillfactor for updating it in place; publishOutboxByDequeueOnly drops both.
  await db.raw(`
    create table ??.outbox (
      id bigint generated always as identity primary key,
      event_id uuid not null unique,
      topic text not null,
      message_key text not null,
      event_type text not null,
      payload bytea not null,
      headers jsonb not null default '{}'::jsonb,
      occurred_at timestamptz not null,
      created_at timestamptz not null default clock_timestamp(),
      published_at timestamptz
    ) with (fillfactor = 70)`, [schema]);
  // The ids not yet published: a narrow queue the relay reads in id order and deletes from once Kafka acked.
  await db.raw('create table ??.outbox_pending (id bigint primary key)', [schema]);
  await db.raw(`
    create function ??.enqueue_outbox() returns trigger language plpgsql as $$
    begin
      insert into ${schema}.outbox_pending (id) select id from inserted;
      perform pg_notify('mart_outbox_${schema}', '');
      return null;
    end $$`, [schema]);
  // One set-based insert and one notification per statement, delivered at commit: a rolled-back
  // transaction queues and wakes nothing.
  await db.raw(
    `create trigger outbox_enqueue after insert on ??.outbox referencing new table as inserted
       for each statement execute function ??.enqueue_outbox()`,
    [schema, schema],
  );
  await db.raw(`
    create table ??.inbox (
      event_id uuid not null,
      consumer text not null,
      topic text not null,
      event_type text not null,
      kafka_partition integer not null,
      kafka_offset bigint not null,
      processed_at timestamptz not null default now(),
      primary key (event_id, consumer)
    )`, [schema]);
}

/**
 * Publishing is a delete from outbox_pending alone: a row is published when its id is no longer pending, so
 * the wide outbox row is never rewritten; retention counts from created_at, and pages need no room for updates.
 */
export async function publishOutboxByDequeueOnly(db: Knex, schema: string): Promise<void> {
  await db.raw('alter table ??.outbox drop column published_at, set (fillfactor = 100)', [schema]);
}

export async function restoreOutboxPublishedAt(db: Knex, schema: string): Promise<void> {
  await db.raw('alter table ??.outbox add column published_at timestamptz, set (fillfactor = 70)', [schema]);
  await db.raw('update ??.outbox o set published_at = o.created_at where not exists (select 1 from ??.outbox_pending p where p.id = o.id)', [schema, schema]);
}

export async function dropOutboxAndInbox(db: Knex, schema: string): Promise<void> {
  await db.raw('drop table if exists ??.inbox', [schema]);
  await db.raw('drop table if exists ??.outbox_pending', [schema]);
  await db.raw('drop table if exists ??.outbox', [schema]);
  await db.raw('drop function if exists ??.enqueue_outbox()', [schema]);
}

/** What became of a handled event: `handled`, or `refused` by the business with the reason (see BatchEffects.refuse). */
export async function addInboxOutcome(db: Knex, schema: string): Promise<void> {
  await db.raw(`alter table ??.inbox add column outcome text not null default 'handled', add column refusal text`, [schema]);
}

export async function dropInboxOutcome(db: Knex, schema: string): Promise<void> {
  await db.raw('alter table ??.inbox drop column outcome, drop column refusal', [schema]);
}
