import type { Knex } from 'knex';
import type { Envelope, EventCase, EventPayload, EventStream } from '../../proto/streams';

/**
 * One reaction of a module to one event type. `name` says what it does
 * (`reserve-stock-when-order-placed`) and keys the module's inbox, so each handler sees an event once.
 */
export interface EventHandler<E extends Envelope = Envelope, K extends EventCase<E> = EventCase<E>> {
  readonly name: string;
  readonly stream: EventStream<E>;
  readonly event: K;
  handle(trx: Knex.Transaction, payload: EventPayload<E, K>, envelope: E): Promise<void>;
}

export function onEvent<E extends Envelope, K extends EventCase<E>>(
  stream: EventStream<E>,
  event: K,
  name: string,
  handle: (trx: Knex.Transaction, payload: EventPayload<E, K>, envelope: E) => Promise<void>,
): EventHandler {
  return { name, stream, event, handle } as unknown as EventHandler;
}
