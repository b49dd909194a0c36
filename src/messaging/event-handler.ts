import type { Knex } from 'knex';
import type { Envelope, EventCase, EventPayload, EventStream } from '../../proto/streams';

/**
 * What a handler may do besides writing in its transaction: work that must not hold the transaction open
 * (calling a card processor, say) is handed to `afterCommit` and runs once the event's effects are committed.
 * It is not retried by the consumer: work handed over must be recoverable by its module if the process dies first.
 */
export interface HandlerEffects {
  afterCommit(task: () => void): void;
}

/**
 * One reaction of a module to one event type. `name` says what it does
 * (`reserve-stock-when-order-placed`) and keys the module's inbox, so each handler sees an event once.
 */
export interface EventHandler<E extends Envelope = Envelope, K extends EventCase<E> = EventCase<E>> {
  readonly name: string;
  readonly stream: EventStream<E>;
  readonly event: K;
  handle(trx: Knex.Transaction, payload: EventPayload<E, K>, envelope: E, effects: HandlerEffects): Promise<void>;
}

export function onEvent<E extends Envelope, K extends EventCase<E>>(
  stream: EventStream<E>,
  event: K,
  name: string,
  handle: (trx: Knex.Transaction, payload: EventPayload<E, K>, envelope: E, effects: HandlerEffects) => Promise<void>,
): EventHandler {
  return { name, stream, event, handle } as unknown as EventHandler;
}
