import { randomBytes, randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { eventTypeName, type Envelope, type EventCase, type EventPayload, type EventStream } from '../../proto/streams';
import { currentContext } from '../context/request-context';
import type { EventCause } from './event-cause';

export interface EventToRecord<E extends Envelope, K extends EventCase<E>> {
  aggregateId: string;
  event: K;
  payload: EventPayload<E, K>;
  /** The consumed event this one reacts to; without it, the current request (or none). */
  cause?: EventCause;
}

export interface RecordedEvent {
  eventId: string;
  topic: string;
  eventType: string;
  aggregateId: string;
  occurredAt: string;
}

/**
 * Appends domain events to the module's outbox inside the caller's transaction.
 * This is the only way a module publishes: the relay takes it from here to Kafka.
 * Callers lock the aggregate's row before recording, so that per-aggregate order matches commit order.
 */
export async function recordEvents<E extends Envelope, K extends EventCase<E>>(
  trx: Knex.Transaction,
  stream: EventStream<E>,
  events: ReadonlyArray<EventToRecord<E, K>>,
): Promise<RecordedEvent[]> {
  if (!trx.isTransaction) throw new Error('recordEvents must run inside the transaction that changes the state');
  if (events.length === 0) return [];
  const rows = outboxRows(stream, events);
  const heldBack = rowsHeldBack.get(trx);
  if (heldBack) heldBack.push(...rows);
  else await trx('outbox').insert(rows);
  return rows.map(recordedEvent);
}

/**
 * The statement recording events, complete with its values, for a transaction sent in few round trips
 * (`inFewRoundTrips`): send it with the state change it announces.
 */
export function recordEventsStatement<E extends Envelope, K extends EventCase<E>>(
  db: Knex,
  stream: EventStream<E>,
  events: ReadonlyArray<EventToRecord<E, K>>,
): string {
  // knex inlines a Buffer as X'..', a bit string: bytea is spelled out.
  const inlined = outboxRows(stream, events).map((row) => ({ ...row, payload: db.raw(`'\\x${row.payload.toString('hex')}'::bytea`) }));
  return db('outbox').insert(inlined).toQuery();
}

/** The outbox rows of these events: envelopes encoded as the contract says, with ids, time and trace context. */
export function outboxRows<E extends Envelope, K extends EventCase<E>>(stream: EventStream<E>, events: ReadonlyArray<EventToRecord<E, K>>): OutboxRow[] {
  const context = currentContext();
  const occurredAt = new Date().toISOString();
  return events.map(({ aggregateId, event, payload, cause }) => {
    const eventId = randomUUID();
    const causedBy = cause ?? context;
    const envelope = stream.codec.create({
      eventId,
      occurredAt,
      aggregateId,
      correlationId: causedBy?.correlationId ?? eventId,
      causationId: causedBy?.causationId ?? '',
      actorUserId: cause ? '' : (context?.userId ?? ''),
      [event]: payload,
    });
    return {
      event_id: eventId,
      topic: stream.topic,
      message_key: aggregateId,
      event_type: eventTypeName(stream, event),
      payload: Buffer.from(stream.codec.encode(envelope).finish()),
      headers: { traceparent: causedBy?.traceparent ?? newTraceparent() },
      occurred_at: occurredAt,
    };
  });
}

export function recordedEvent(row: OutboxRow): RecordedEvent {
  return { eventId: row.event_id, topic: row.topic, eventType: row.event_type, aggregateId: row.message_key, occurredAt: row.occurred_at };
}

export interface OutboxRow {
  event_id: string;
  topic: string;
  message_key: string;
  event_type: string;
  payload: Buffer;
  headers: { traceparent: string };
  occurred_at: string;
}

const rowsHeldBack = new WeakMap<Knex.Transaction, OutboxRow[]>();
// Well below Postgres's 65,535 bind parameters per statement (seven per row).
const ROWS_PER_INSERT = 1000;

/**
 * Runs `work` with the events it records held back and written to the outbox in one insert when it ends, still
 * inside `trx`. A consumer's batch records a few events per message; one insert instead of one each saves a round
 * trip per event and fires the outbox trigger (pending row, NOTIFY) once. Rows keep the order they were recorded
 * in, and `trx`'s locks are held until commit, so per-aggregate order still matches commit order.
 */
export async function withOutboxWrittenAtEnd<T>(trx: Knex.Transaction, work: () => Promise<T>): Promise<T> {
  const rows: OutboxRow[] = [];
  rowsHeldBack.set(trx, rows);
  try {
    const result = await work();
    for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) await trx('outbox').insert(rows.slice(i, i + ROWS_PER_INSERT));
    return result;
  } finally {
    rowsHeldBack.delete(trx);
  }
}

export async function recordEvent<E extends Envelope, K extends EventCase<E>>(
  trx: Knex.Transaction,
  stream: EventStream<E>,
  aggregateId: string,
  event: K,
  payload: EventPayload<E, K>,
): Promise<RecordedEvent> {
  const [recorded] = await recordEvents(trx, stream, [{ aggregateId, event, payload }]);
  return recorded;
}

/** A fresh W3C trace context, used when no incoming request or event carried one. */
export function newTraceparent(): string {
  return `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01`;
}
