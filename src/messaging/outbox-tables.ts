import type { Knex } from 'knex';

/** The channel the relay LISTENs on for a module's outbox. */
export function outboxChannel(schema: string): string {
  return `mart_outbox_${schema}`;
}

/**
 * Creates a module's outbox (events it publishes) and inbox (events it has handled).
 * Called from each module's first migration, so every schema has the same pair.
 */
export async function createOutboxAndInbox(db: Knex, schema: string): Promise<void> {
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
    )`, [schema]);
  await db.raw('create index outbox_unpublished_idx on ??.outbox (id) where published_at is null', [schema]);
  // BRIN: published_at grows with id, and a BRIN index costs almost nothing on the relay's hot UPDATE path.
  await db.raw('create index outbox_published_at_idx on ??.outbox using brin (published_at)', [schema]);
  await db.raw(`
    create function ??.notify_outbox() returns trigger language plpgsql as $$
    begin
      perform pg_notify('${outboxChannel(schema)}', '');
      return null;
    end $$`, [schema]);
  // One notification per statement, delivered at commit: a rolled-back transaction wakes nobody.
  await db.raw(
    'create trigger outbox_notify after insert on ??.outbox for each statement execute function ??.notify_outbox()',
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

export async function dropOutboxAndInbox(db: Knex, schema: string): Promise<void> {
  await db.raw('drop table if exists ??.inbox', [schema]);
  await db.raw('drop table if exists ??.outbox', [schema]);
  await db.raw('drop function if exists ??.notify_outbox()', [schema]);
}
