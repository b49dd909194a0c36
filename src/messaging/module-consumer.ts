import { setTimeout as sleep } from 'node:timers/promises';
import { Partitioners, type Consumer, type EachMessagePayload, type IHeaders, type Kafka, type Producer } from 'kafkajs';
import type { Knex } from 'knex';
import type { Envelope, EventStream } from '../../proto/streams';
import { runInContext } from '../context/request-context';
import { DomainError } from '../errors/domain-error';
import type { Logger } from '../logging/logger';
import { headerString } from './cloud-events';
import type { EventHandler } from './event-handler';
import { deadLetterTopic } from './kafka';
import type { TopicNames } from './topic-names';
import { unframe } from './wire-format';

export interface ModuleConsumerOptions {
  kafka: Kafka;
  db: Knex;
  /** Consumer group, one per module: `mart.<module>`. */
  groupId: string;
  topicNames: TopicNames;
  handlers: readonly EventHandler[];
  logger: Logger;
  maxAttempts: number;
  retryBaseMs: number;
  partitionsConsumedConcurrently?: number;
  fromBeginning?: boolean;
}

class PoisonMessageError extends Error {}

/**
 * Runs a module's event handlers on a Kafka consumer group. Each event is handled in one database
 * transaction together with an inbox row keyed by event id and handler, so a redelivery has no second
 * effect; offsets are committed only after that transaction. Failures are retried with backoff and
 * then dead-lettered to `<topic>.dlq`, and the partition moves on.
 */
export class ModuleConsumer {
  private readonly consumer: Consumer;
  private readonly producer: Producer;
  private readonly handlersByTopic = new Map<string, Map<string, EventHandler[]>>();
  private readonly streamsByTopic = new Map<string, EventStream>();
  private readonly log: Logger;
  private stopping = false;

  constructor(private readonly options: ModuleConsumerOptions) {
    this.consumer = options.kafka.consumer({
      groupId: options.groupId,
      sessionTimeout: 30_000,
      heartbeatInterval: 3_000,
      retry: { retries: 10 },
    });
    this.producer = options.kafka.producer({ allowAutoTopicCreation: true, createPartitioner: Partitioners.DefaultPartitioner });
    this.log = options.logger.child({ component: 'consumer', group: options.groupId });
    for (const handler of options.handlers) {
      const topic = options.topicNames.physical(handler.stream.topic);
      this.streamsByTopic.set(topic, handler.stream as EventStream);
      const byEvent = this.handlersByTopic.get(topic) ?? new Map<string, EventHandler[]>();
      byEvent.set(handler.event, [...(byEvent.get(handler.event) ?? []), handler]);
      this.handlersByTopic.set(topic, byEvent);
    }
  }

  get topics(): string[] {
    return [...this.handlersByTopic.keys()];
  }

  async start(): Promise<void> {
    if (this.handlersByTopic.size === 0) return;
    await this.producer.connect();
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: this.topics, fromBeginning: this.options.fromBeginning ?? true });
    await this.consumer.run({
      autoCommit: true,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 3,
      eachMessage: (payload) => this.onMessage(payload),
    });
    this.log.info({ topics: this.topics }, 'consumer started');
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.consumer.disconnect();
    await this.producer.disconnect();
  }

  private async onMessage(message: EachMessagePayload): Promise<void> {
    const { topic, partition } = message;
    const stream = this.streamsByTopic.get(topic);
    if (!stream) return;
    let envelope: Envelope;
    try {
      envelope = this.decode(stream, message);
    } catch (error) {
      await this.deadLetter(message, 'decode', 1, error);
      return;
    }
    const eventCase = envelope.event;
    const handlers = eventCase ? this.handlersByTopic.get(topic)?.get(eventCase) : undefined;
    if (!handlers) {
      // A newer producer's event type, or one this module does not care about.
      this.log.debug({ topic, partition, offset: message.message.offset, eventCase }, 'skipping event');
      return;
    }
    for (const handler of handlers) {
      await this.handleWithRetry(handler, envelope, message);
    }
  }

  private decode(stream: EventStream, { message }: EachMessagePayload): Envelope {
    if (!message.value) throw new PoisonMessageError('message has no value');
    const framed = unframe(message.value);
    if (framed.messageIndexes.length !== 1 || framed.messageIndexes[0] !== 0) {
      throw new PoisonMessageError(`unexpected message indexes [${framed.messageIndexes.join(',')}]`);
    }
    const envelope = stream.codec.decode(framed.payload);
    if (!envelope.eventId) throw new PoisonMessageError('envelope has no event id');
    return envelope;
  }

  private async handleWithRetry(handler: EventHandler, envelope: Envelope, message: EachMessagePayload): Promise<void> {
    const { maxAttempts, retryBaseMs } = this.options;
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.handleOnce(handler, envelope, message);
        return;
      } catch (error) {
        const permanent = error instanceof DomainError || error instanceof PoisonMessageError;
        if (permanent || attempt >= maxAttempts) {
          await this.deadLetter(message, handler.name, attempt, error);
          return;
        }
        // Shutting down: leave the offset uncommitted instead of retrying; the event is redelivered later.
        if (this.stopping) throw error;
        this.log.warn({ err: error, handler: handler.name, attempt, eventId: envelope.eventId }, 'handler failed, retrying');
        await sleep(Math.min(retryBaseMs * 2 ** (attempt - 1), 10_000));
        await message.heartbeat();
      }
    }
  }

  private async handleOnce(handler: EventHandler, envelope: Envelope, message: EachMessagePayload): Promise<void> {
    const context = {
      correlationId: envelope.correlationId || envelope.eventId,
      causationId: envelope.eventId,
      traceparent: headerString(message.message.headers, 'traceparent'),
    };
    const afterCommit: Array<() => void> = [];
    await runInContext(context, () =>
      this.options.db.transaction(async (trx) => {
        const first = await trx('inbox')
          .insert({
            event_id: envelope.eventId,
            consumer: handler.name,
            topic: message.topic,
            event_type: handler.event,
            kafka_partition: message.partition,
            kafka_offset: message.message.offset,
          })
          .onConflict(['event_id', 'consumer'])
          .ignore()
          .returning('event_id');
        if (first.length === 0) return;
        const payload = (envelope as unknown as Record<string, unknown>)[handler.event];
        await handler.handle(trx, payload as never, envelope, { afterCommit: (task) => afterCommit.push(task) });
      }),
    );
    for (const task of afterCommit) {
      try {
        runInContext(context, task);
      } catch (error) {
        this.log.error({ err: error, handler: handler.name, eventId: envelope.eventId }, 'after-commit work failed');
      }
    }
  }

  private async deadLetter(message: EachMessagePayload, handler: string, attempts: number, error: unknown): Promise<void> {
    const { topic, partition, message: original } = message;
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const headers: IHeaders = {
      ...original.headers,
      dlq_reason: reason.slice(0, 2000),
      dlq_handler: handler,
      dlq_attempts: String(attempts),
      dlq_consumer_group: this.options.groupId,
      dlq_original_topic: topic,
      dlq_original_partition: String(partition),
      dlq_original_offset: original.offset,
      dlq_failed_at: new Date().toISOString(),
    };
    await this.producer.send({
      topic: deadLetterTopic(topic),
      acks: -1,
      messages: [{ key: original.key, value: original.value, headers }],
    });
    this.log.error({ err: error, topic, partition, offset: original.offset, handler, attempts }, 'message dead-lettered');
  }
}
