import type { Knex } from 'knex';
import type { Envelope, EventCase, EventPayload, EventStream } from '../../proto/streams';
import { runInContext } from '../context/request-context';
import type { EventCause } from './event-cause';

/** One event of a batch, decoded: its payload, its envelope and what events it causes are caused by. */
export interface ConsumedEvent<E extends Envelope = Envelope, K extends EventCase<E> = EventCase<E>> {
  readonly payload: EventPayload<E, K>;
  readonly envelope: E;
  readonly cause: EventCause;
}

/**
 * What a handler may do besides writing in its transaction.
 * - `refuse`: the business answer to this event is no (out of stock, order already closed). It is an outcome,
 *   recorded in the inbox with its reason; the rest of the batch goes on and nothing is retried.
 * - `afterCommit`: work that must not hold the transaction open (calling a card processor) runs once the batch's
 *   effects are committed. It is not retried by the consumer: work handed over must be recoverable by its module
 *   if the process dies first.
 */
export interface BatchEffects {
  refuse(event: Pick<ConsumedEvent, 'envelope'>, reason: string): void;
  afterCommit(event: Pick<ConsumedEvent, 'cause'>, task: () => void): void;
}

/**
 * One reaction of a module to one event type, for a batch of those events at a time. `name` says what it does
 * (`reserve-stock-when-order-placed`) and keys the module's inbox, so each handler sees an event once.
 *
 * `handleBatch` is given the batch's new events (the inbox has already dropped those it saw), at most one per
 * aggregate and in partition order, and does a fixed number of statements for all of them: reads by `= any($1)`,
 * writes by `update … from unnest(…)` and multi-row inserts, events recorded with each one's `cause`. Throwing
 * means something is wrong (a malformed event, a bug): the batch is rolled back and its events handled one at a time.
 */
export interface EventHandler<E extends Envelope = Envelope, K extends EventCase<E> = EventCase<E>> {
  readonly name: string;
  readonly stream: EventStream<E>;
  readonly event: K;
  /**
   * The handler's own writes drop an event it has already handled (a unique key on the event id), so the inbox
   * keeps no row for it. It must then never refuse.
   */
  readonly idempotent?: boolean;
  /** Runs in a consumer group of its own beside the module's (see consumer-groups.ts) instead of in the module's. */
  readonly sideGroup?: string;
  handleBatch(trx: Knex.Transaction, events: ReadonlyArray<ConsumedEvent<E, K>>, effects: BatchEffects): Promise<void>;
}

/** A set-based handler: the shape every handler on a hot path takes. */
export function onEvents<E extends Envelope, K extends EventCase<E>>(
  stream: EventStream<E>,
  event: K,
  name: string,
  handleBatch: (trx: Knex.Transaction, events: ReadonlyArray<ConsumedEvent<E, K>>, effects: BatchEffects) => Promise<void>,
  options: Pick<EventHandler, 'idempotent' | 'sideGroup'> = {},
): EventHandler {
  return { name, stream, event, handleBatch, ...options } as unknown as EventHandler;
}

/** The `event` of a handler that takes every event of its stream, whatever its type. */
export const EVERY_EVENT = '*';

/**
 * A set-based handler for every event of a stream, of any type (a forwarder such as the webhooks' fan-out): its
 * events' payloads are whatever their own case carries, read through `envelope`.
 */
export function onEveryEvent(
  stream: EventStream,
  name: string,
  handleBatch: (trx: Knex.Transaction, events: ReadonlyArray<ConsumedEvent>, effects: BatchEffects) => Promise<void>,
  options: Pick<EventHandler, 'idempotent' | 'sideGroup'> = {},
): EventHandler {
  return { name, stream, event: EVERY_EVENT, handleBatch, ...options } as unknown as EventHandler;
}

/** The oneof case of the event a handler is given: its own event, or the envelope's for a handler of every event. */
export function handledCase(handler: Pick<EventHandler, 'event'>, envelope: Envelope): string {
  const event: string = handler.event;
  return event === EVERY_EVENT ? (envelope.event ?? '') : event;
}

/** What a per-event handler may do: the batch's effects, for its own event. */
export interface HandlerEffects {
  refuse(reason: string): void;
  afterCommit(task: () => void): void;
}

/**
 * A handler written for one event at a time, built on the batch shape: the events of a batch are handled one
 * after another in the batch's transaction, each with its cause as the ambient context of what it records.
 * For reactions off the hot path (a product archived, a cart abandoned); see docs/module-guide.md.
 */
export function onEvent<E extends Envelope, K extends EventCase<E>>(
  stream: EventStream<E>,
  event: K,
  name: string,
  handle: (trx: Knex.Transaction, payload: EventPayload<E, K>, envelope: E, effects: HandlerEffects) => Promise<void>,
): EventHandler {
  return onEvents(stream, event, name, async (trx, events, effects) => {
    for (const consumed of events) {
      const own: HandlerEffects = {
        refuse: (reason) => effects.refuse(consumed, reason),
        afterCommit: (task) => effects.afterCommit(consumed, task),
      };
      await runInContext(consumed.cause, () => handle(trx, consumed.payload, consumed.envelope, own));
    }
  });
}
