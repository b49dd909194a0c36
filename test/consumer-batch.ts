import type { Knex } from 'knex';
import type { Envelope } from '../proto/streams';
import { handleInOneTransaction, type BatchLocks, type BatchResult } from '../src/messaging/consumer/batch-transaction';
import type { Work } from '../src/messaging/consumer/delivery';
import { causeOf } from '../src/messaging/event-cause';
import { handledCase, type EventHandler } from '../src/messaging/event-handler';

/**
 * Runs envelopes through a module's handlers as its consumer runs one fetched batch (one transaction: the batch's
 * locks, the inbox claim, then round by round each handler with its events), without Kafka in between.
 */
export function handleAsOneBatch(db: Knex, handlers: readonly EventHandler[], envelopes: readonly Envelope[], lockBatch?: BatchLocks): Promise<BatchResult> {
  const work: Work[] = envelopes.map((envelope, offset) => ({
    delivery: { topic: 'test', partition: 0, message: { key: null, value: null, timestamp: '0', attributes: 0, offset: String(offset), headers: {} } },
    envelope,
    cause: causeOf(envelope, {}),
    handlers: handlers.filter((handler) => handledCase(handler, envelope) === envelope.event),
  }));
  return handleInOneTransaction(db, work, handlers, lockBatch);
}
