import type { KafkaMessage } from 'kafkajs';
import type { Envelope, EventStream } from '../../../proto/streams';
import { causeOf, type EventCause } from '../event-cause';
import type { EventHandler } from '../event-handler';
import { unframe } from '../wire-format';

/** A message of a fetched batch, with where it came from. */
export interface Delivery {
  topic: string;
  partition: number;
  message: KafkaMessage;
}

/** A decoded delivery, the cause its effects carry, and the handlers that want it. */
export interface Work {
  delivery: Delivery;
  envelope: Envelope;
  cause: EventCause;
  handlers: readonly EventHandler[];
}

/** A message no attempt can handle: it goes to the dead-letter topic at once. */
export class PoisonMessageError extends Error {}

/** The envelope of a message in the Confluent wire format; throws PoisonMessageError when it is not one. */
export function decodeDelivery(stream: EventStream, { message }: Delivery): { envelope: Envelope; cause: EventCause } {
  if (!message.value) throw new PoisonMessageError('message has no value');
  const framed = unframe(message.value);
  if (framed.messageIndexes.length !== 1 || framed.messageIndexes[0] !== 0) {
    throw new PoisonMessageError(`unexpected message indexes [${framed.messageIndexes.join(',')}]`);
  }
  const envelope = stream.codec.decode(framed.payload);
  if (!envelope.eventId) throw new PoisonMessageError('envelope has no event id');
  return { envelope, cause: causeOf(envelope, message.headers) };
}

/**
 * The batch's work in rounds: round k holds the k-th event of each aggregate, so a round names every aggregate
 * at most once and handling round after round keeps each aggregate's events in partition order, while a handler
 * gets all of a round's events of its type at once.
 */
export function inRounds(work: readonly Work[]): Work[][] {
  const rounds: Work[][] = [];
  const seen = new Map<string, number>();
  for (const item of work) {
    const round = seen.get(item.envelope.aggregateId) ?? 0;
    seen.set(item.envelope.aggregateId, round + 1);
    (rounds[round] ??= []).push(item);
  }
  return rounds;
}
