import { randomUUID } from 'node:crypto';
import type { Consumer, IHeaders } from 'kafkajs';
import type { Knex } from 'knex';
import type { ModuleName } from '../src/module-names';
import type { Envelope, EventStream } from '../proto/streams';
import type { Config } from '../src/config/config';
import { createLogger } from '../src/logging/logger';
import { headerString } from '../src/messaging/cloud-events';
import { createKafka } from '../src/messaging/kafka';
import { TopicNames } from '../src/messaging/topic-names';
import { unframe } from '../src/messaging/wire-format';
import { waitFor } from './wait-for';
import { operatorSasl } from '../src/messaging/kafka-principals';

export interface ReceivedEvent<E extends Envelope = Envelope> {
  envelope: E;
  key: string;
  partition: number;
  offset: string;
  headers: Record<string, string | undefined>;
  receivedAt: number;
}

/** Events a module wrote to its outbox (whether or not the relay has published them yet), oldest first. */
export async function outboxEvents<E extends Envelope>(db: Knex, stream: EventStream<E>): Promise<E[]> {
  const rows: { payload: Buffer }[] = await db('outbox').where({ topic: stream.topic }).orderBy('id').select('payload');
  return rows.map((row) => stream.codec.decode(row.payload));
}

/**
 * What the module under test published: waits until the module owning `stream` has recorded at least `count`
 * events that `match` (in its own outbox, in the transactions that made them), and returns them in order.
 */
export async function untilRecorded<E extends Envelope>(
  stack: { db(module: ModuleName): Knex },
  stream: EventStream<E>,
  match: (event: E) => boolean,
  count = 1,
): Promise<E[]> {
  return waitFor(`${count} ${stream.topic} events`, async () => {
    const events = (await outboxEvents(stack.db(stream.module as ModuleName), stream)).filter(match);
    return events.length >= count ? events : undefined;
  });
}

/**
 * Reads a stream from Kafka the way an external subscriber would (own consumer group, from the beginning),
 * decoding the Confluent framing, so tests can wait for what was really published.
 */
export class EventProbe<E extends Envelope = Envelope> {
  readonly received: ReceivedEvent<E>[] = [];
  private consumer?: Consumer;

  private constructor(
    private readonly config: Config,
    private readonly stream: EventStream<E>,
  ) {}

  static async start<E extends Envelope>(config: Config, stream: EventStream<E>): Promise<EventProbe<E>> {
    const probe = new EventProbe(config, stream);
    await probe.connect();
    return probe;
  }

  private async connect(): Promise<void> {
    const kafka = createKafka({
      brokers: this.config.kafka.brokers,
      clientId: 'event-probe',
      sasl: operatorSasl(),
      logger: createLogger({ level: 'error', name: 'probe' }),
    });
    const topic = new TopicNames(this.config.kafka.topicPrefix).physical(this.stream.topic);
    this.consumer = kafka.consumer({ groupId: `probe-${randomUUID()}` });
    await this.consumer.connect();
    await this.consumer.subscribe({ topic, fromBeginning: true });
    await this.consumer.run({
      eachMessage: async ({ partition, message }) => {
        let envelope: E;
        try {
          envelope = this.stream.codec.decode(unframe(message.value!).payload);
        } catch {
          return; // other tests of the run may have produced garbage on purpose
        }
        this.received.push({
          envelope,
          key: message.key?.toString() ?? '',
          partition,
          offset: message.offset,
          headers: stringHeaders(message.headers),
          receivedAt: Date.now(),
        });
      },
    });
  }

  async waitFor(what: string, predicate: (e: E) => boolean, timeoutMs = 30_000): Promise<E> {
    const found = await waitFor(what, () => this.received.find((r) => predicate(r.envelope)), { timeoutMs });
    return found.envelope;
  }

  ofType(eventCase: string): E[] {
    return this.received.filter((r) => r.envelope.event === eventCase).map((r) => r.envelope);
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}

function stringHeaders(headers: IHeaders | undefined): Record<string, string | undefined> {
  const result: Record<string, string | undefined> = {};
  for (const name of Object.keys(headers ?? {})) result[name] = headerString(headers, name);
  return result;
}
