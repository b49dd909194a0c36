import type { Knex } from 'knex';
import type { Envelope, EventCase, EventPayload, EventStream } from '../proto/streams';
import type { ModuleName } from '../src/module-names';
import { recordEvent, type RecordedEvent } from '../src/messaging/outbox';

/**
 * The one way a test delivers an event from upstream: it is committed to the outbox of the module that owns the
 * stream, exactly as that module would, and the real relay and consumers carry it from there. It is the only
 * place tests write another module's tables.
 */
export async function publishUpstream<E extends Envelope, K extends EventCase<E>>(
  stack: { db(module: ModuleName): Knex },
  stream: EventStream<E>,
  aggregateId: string,
  event: K,
  payload: EventPayload<E, K>,
): Promise<RecordedEvent> {
  return stack.db(stream.module as ModuleName).transaction((trx) => recordEvent(trx, stream, aggregateId, event, payload));
}
