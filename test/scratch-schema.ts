import type { Knex } from 'knex';
import { createModuleDatabase } from '../src/db/database';
import { createOutboxAndInbox } from '../src/messaging/outbox-tables';

/**
 * A throwaway schema with the standard outbox and inbox plus a `received` table, for testing the
 * messaging plumbing with handlers of the test's own (no module's tables are touched).
 */
export async function createScratchSchema(url: string, schema: string): Promise<Knex> {
  const db = createModuleDatabase({ url, schema, poolMax: 10 });
  await db.raw('drop schema if exists ?? cascade', [schema]);
  await db.raw('create schema ??', [schema]);
  await createOutboxAndInbox(db, schema);
  await db.raw(`
    create table ??.received (
      id bigint generated always as identity primary key,
      event_id uuid not null,
      aggregate_id text not null,
      sequence integer not null,
      handler text not null
    )`, [schema]);
  return db;
}
