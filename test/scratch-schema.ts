import type { Knex } from 'knex';
import { createModuleDatabase } from '../src/db/database';
import type { EventHandler } from '../src/messaging/event-handler';
import { createKafka } from '../src/messaging/kafka';
import { Outages } from '../src/health/outages';
import { ModuleConsumer } from '../src/messaging/module-consumer';
import { addInboxOutcome, createOutboxAndInbox, publishOutboxByDequeueOnly } from '../migrations/shared/outbox-and-inbox';
import { TopicNames } from '../src/messaging/topic-names';
import type { TestStack } from './test-stack';
import { operatorSasl } from '../src/messaging/kafka-principals';

/**
 * A throwaway schema with the standard outbox and inbox plus a `received` table, for testing the
 * messaging plumbing with handlers of the test's own (no module's tables are touched).
 */
export async function createScratchSchema(url: string, schema: string): Promise<Knex> {
  const db = createModuleDatabase({ url, schema, poolMax: 10 });
  await db.raw('drop schema if exists ?? cascade', [schema]);
  await db.raw('create schema ??', [schema]);
  await createOutboxAndInbox(db, schema);
  await publishOutboxByDequeueOnly(db, schema);
  await addInboxOutcome(db, schema);
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

/** A consumer group of the test's own, running `handlers` against a scratch schema (not started). */
export function scratchConsumer(stack: TestStack, db: Knex, name: string, handlers: EventHandler[], options: { maxAttempts?: number } = {}): ModuleConsumer {
  return new ModuleConsumer({
    kafka: createKafka({ brokers: stack.config.kafka.brokers, clientId: name, logger: stack.logger, sasl: operatorSasl() }),
    db,
    groupId: `${stack.config.kafka.consumerGroupPrefix}.${name}`,
    topicNames: new TopicNames(stack.config.kafka.topicPrefix),
    handlers,
    logger: stack.logger,
    maxAttempts: options.maxAttempts ?? 3,
    retryBaseMs: 20,
    outages: new Outages(stack.logger),
  });
}

/** A consumer group of the test's own, running `handlers` against a scratch schema, started. */
export async function startScratchConsumer(
  stack: TestStack,
  db: Knex,
  name: string,
  handlers: EventHandler[],
  options: { maxAttempts?: number } = {},
): Promise<ModuleConsumer> {
  const consumer = scratchConsumer(stack, db, name, handlers, options);
  await consumer.start();
  return consumer;
}
