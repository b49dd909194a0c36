import { setTimeout as sleep } from 'node:timers/promises';
import { Partitioners, type Consumer, type EachBatchPayload, type IHeaders, type Kafka, type KafkaMessage, type Producer } from 'kafkajs';
import type { Knex } from 'knex';
import type { Envelope, EventStream } from '../../proto/streams';
import { runInContext } from '../context/request-context';
import { DomainError } from '../errors/domain-error';
import { Backoff, type Outages } from '../health/outages';
import type { Logger } from '../logging/logger';
import { headerString } from './cloud-events';
import type { ConsumerMetrics } from './consumer-metrics';
import type { EventHandler } from './event-handler';
import { deadLetterTopic } from './kafka';
import { withOutboxWrittenAtEnd } from './outbox';
import type { TopicNames } from './topic-names';
import { unframe } from './wire-format';

/** Locks what the events of a batch will lock, in one global order (see MartModule.lockBatch). */
export type BatchLocks = (trx: Knex.Transaction, envelopes: readonly Envelope[]) => Promise<void>;

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
  lockBatch?: BatchLocks;
  fromBeginning?: boolean;
  metrics?: ConsumerMetrics;
  /** While Postgres is away a batch waits for it (logged there once) instead of counting failed attempts. */
  outages: Outages;
}

class PoisonMessageError extends Error {}

/** A message of a fetched batch, with where it came from. */
interface Delivery {
  topic: string;
  partition: number;
  message: KafkaMessage;
}

/** A decoded delivery and the handlers that want it. */
interface Work {
  delivery: Delivery;
  envelope: Envelope;
  handlers: EventHandler[];
}

/** How much of a fetched batch is handled before its offset is resolved and the group heartbeat sent. */
const CHUNK = 100;

/**
 * Runs a module's event handlers on a Kafka consumer group. Each event is handled in a database transaction
 * together with an inbox row keyed by event id and handler, so a redelivery has no second effect; offsets are
 * committed only after that transaction.
 *
 * The messages of a fetched batch (up to 100 at a time) are handled in one transaction, in partition order,
 * with one multi-row inbox insert: one commit instead of one per event and handler. If anything in it fails,
 * the transaction is rolled back and the same messages are handled again one event and handler at a time, each
 * in its own transaction, retried with backoff and then dead-lettered to `<topic>.dlq`, and the partition moves
 * on: one bad event never takes its neighbours with it. A failure that means Postgres is away is not the
 * events' fault: the same transaction is tried again, with backoff, until the database answers, and no
 * attempt is counted, so an outage never sends events to the DLQ.
 *
 * Partitions are consumed one at a time by default: a batch transaction takes the row locks of many events
 * (a product's stock, a customer's recipient row) in event order, and two running side by side could deadlock.
 * A module whose batches cannot wait on each other's rows, or that takes a batch's locks up front in one global
 * order (`lockBatch`), consumes several partitions at once. (Measured with bench:checkout: a transaction per
 * event instead, with keys or partitions side by side, cost Postgres more than it gained on two cores.)
 */
export class ModuleConsumer {
  private readonly consumer: Consumer;
  private readonly producer: Producer;
  private readonly handlersByTopic = new Map<string, Map<string, EventHandler[]>>();
  private readonly streamsByTopic = new Map<string, EventStream>();
  private readonly log: Logger;
  private stopping = false;
  private readonly backoff = new Backoff();

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
      // Offsets are resolved as each part of a batch commits; never past what was handled when a batch stops early.
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 1,
      eachBatch: (payload) => this.onBatch(payload),
    });
    this.log.info({ topics: this.topics }, 'consumer started');
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.consumer.disconnect();
    await this.producer.disconnect();
  }

  private async onBatch({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload): Promise<void> {
    const { topic, partition } = batch;
    const stream = this.streamsByTopic.get(topic);
    for (let start = 0; start < batch.messages.length; start += CHUNK) {
      if (!isRunning() || isStale()) return;
      const messages = batch.messages.slice(start, start + CHUNK);
      const timed = this.options.metrics?.batchSeconds.startTimer({ group: this.options.groupId });
      const work: Work[] = [];
      for (const message of messages) {
        const delivery = { topic, partition, message };
        const decoded = stream ? await this.decodeOrDeadLetter(stream, delivery) : undefined;
        if (decoded) work.push(decoded);
      }
      await this.handleAll(work, heartbeat);
      timed?.();
      resolveOffset(messages[messages.length - 1].offset);
      await heartbeat();
    }
  }

  /** The delivery with its handlers; undefined when there is nothing to do (dead-lettered, or not wanted here). */
  private async decodeOrDeadLetter(stream: EventStream, delivery: Delivery): Promise<Work | undefined> {
    let envelope: Envelope;
    try {
      envelope = this.decode(stream, delivery);
    } catch (error) {
      await this.deadLetter(delivery, 'decode', 1, error);
      this.count('dead_lettered');
      return undefined;
    }
    const eventCase = envelope.event;
    const handlers = eventCase ? this.handlersByTopic.get(delivery.topic)?.get(eventCase) : undefined;
    if (!handlers) {
      // A newer producer's event type, or one this module does not care about.
      this.log.debug({ topic: delivery.topic, partition: delivery.partition, offset: delivery.message.offset, eventCase }, 'skipping event');
      this.count('skipped');
      return undefined;
    }
    return { delivery, envelope, handlers };
  }

  private decode(stream: EventStream, { message }: Delivery): Envelope {
    if (!message.value) throw new PoisonMessageError('message has no value');
    const framed = unframe(message.value);
    if (framed.messageIndexes.length !== 1 || framed.messageIndexes[0] !== 0) {
      throw new PoisonMessageError(`unexpected message indexes [${framed.messageIndexes.join(',')}]`);
    }
    const envelope = stream.codec.decode(framed.payload);
    if (!envelope.eventId) throw new PoisonMessageError('envelope has no event id');
    return envelope;
  }

  private async handleAll(work: Work[], heartbeat: () => Promise<void>): Promise<void> {
    if (work.length === 0) return;
    try {
      await this.handleUntilDatabaseAnswers(() => this.handleTogether(work), heartbeat);
      this.count('handled', work.length);
      return;
    } catch (error) {
      if (this.stopping) throw error;
      this.log.info({ err: error, events: work.length }, 'batch failed; handling its events one handler at a time');
      this.options.metrics?.batchFallbacks.inc({ group: this.options.groupId });
    }
    for (const { delivery, envelope, handlers } of work) {
      let outcome: MessageOutcome = 'handled';
      for (const handler of handlers) {
        if ((await this.handleWithRetry(handler, envelope, delivery, heartbeat)) === 'dead_lettered') outcome = 'dead_lettered';
      }
      this.count(outcome);
    }
  }

  private count(outcome: MessageOutcome, messages = 1): void {
    this.options.metrics?.events.inc({ group: this.options.groupId, outcome }, messages);
  }

  /** Every event and handler of the batch in one transaction, skipping the pairs the inbox has seen. */
  private async handleTogether(work: Work[]): Promise<void> {
    const afterCommit: AfterCommitTask[] = [];
    await this.options.db.transaction((trx) => withOutboxWrittenAtEnd(trx, () => this.handleInside(trx, work, afterCommit)));
    this.runAfterCommit(afterCommit);
  }

  private async handleInside(trx: Knex.Transaction, work: Work[], afterCommit: AfterCommitTask[]): Promise<void> {
    // A single event takes its locks in order by itself; a batch takes all of them first, in one order.
    if (work.length > 1 && this.options.lockBatch) await this.options.lockBatch(trx, work.map((item) => item.envelope));
    const rows = work.flatMap(({ delivery, envelope, handlers }) => handlers.map((handler) => inboxRow(handler, envelope, delivery)));
    const inserted: Array<{ event_id: string; consumer: string }> = await trx('inbox')
      .insert(rows)
      .onConflict(['event_id', 'consumer'])
      .ignore()
      .returning(['event_id', 'consumer']);
    // A pair is handled once even if the batch holds the same event twice (a redelivery of the relay).
    const unseen = new Set(inserted.map((row) => `${row.event_id} ${row.consumer}`));
    for (const { delivery, envelope, handlers } of work) {
      const context = eventContext(envelope, delivery);
      for (const handler of handlers) {
        if (!unseen.delete(`${envelope.eventId} ${handler.name}`)) continue;
        const effects = { afterCommit: (task: () => void) => afterCommit.push({ context, task }) };
        await runInContext(context, () => handler.handle(trx, payloadOf(handler, envelope), envelope, effects));
      }
    }
  }

  private async handleWithRetry(
    handler: EventHandler,
    envelope: Envelope,
    delivery: Delivery,
    heartbeat: () => Promise<void>,
  ): Promise<'handled' | 'dead_lettered'> {
    const { maxAttempts, retryBaseMs } = this.options;
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.handleUntilDatabaseAnswers(() => this.handleTogether([{ delivery, envelope, handlers: [handler] }]), heartbeat);
        return 'handled';
      } catch (error) {
        const permanent = error instanceof DomainError || error instanceof PoisonMessageError;
        if (permanent || attempt >= maxAttempts) {
          await this.deadLetter(delivery, handler.name, attempt, error);
          return 'dead_lettered';
        }
        // Shutting down: leave the offset uncommitted instead of retrying; the event is redelivered later.
        if (this.stopping) throw error;
        this.log.warn({ err: error, handler: handler.name, attempt, eventId: envelope.eventId }, 'handler failed, retrying');
        await sleep(Math.min(retryBaseMs * 2 ** (attempt - 1), 10_000));
        await heartbeat();
      }
    }
  }

  /**
   * Runs a transaction; while it fails because Postgres is away (nothing was committed), waits with backoff
   * and runs it again. Any other failure, or stopping, ends it with that error.
   */
  private async handleUntilDatabaseAnswers(transaction: () => Promise<void>, heartbeat: () => Promise<void>): Promise<void> {
    for (;;) {
      try {
        await transaction();
        this.options.outages.succeeded('postgres');
        this.backoff.reset();
        return;
      } catch (error) {
        if (this.stopping || this.options.outages.failed(error) !== 'postgres') throw error;
        await sleep(this.backoff.delay());
        // Keeps the group membership through a long outage; a rebalance ends the batch here.
        await heartbeat();
      }
    }
  }

  private runAfterCommit(tasks: AfterCommitTask[]): void {
    for (const { context, task } of tasks) {
      try {
        runInContext(context, task);
      } catch (error) {
        this.log.error({ err: error, causationId: context.causationId }, 'after-commit work failed');
      }
    }
  }

  private async deadLetter({ topic, partition, message: original }: Delivery, handler: string, attempts: number, error: unknown): Promise<void> {
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

type EventContext = { correlationId: string; causationId: string; traceparent: string | undefined };
type AfterCommitTask = { context: EventContext; task: () => void };
/** What became of a message: all its handlers ran, none here wants it, or it (or one handler's part) went to the DLQ. */
type MessageOutcome = 'handled' | 'skipped' | 'dead_lettered';

function eventContext(envelope: Envelope, { message }: Delivery): EventContext {
  return {
    correlationId: envelope.correlationId || envelope.eventId,
    causationId: envelope.eventId,
    traceparent: headerString(message.headers, 'traceparent'),
  };
}

function inboxRow(handler: EventHandler, envelope: Envelope, { topic, partition, message }: Delivery) {
  return {
    event_id: envelope.eventId,
    consumer: handler.name,
    topic,
    event_type: handler.event,
    kafka_partition: partition,
    kafka_offset: message.offset,
  };
}

function payloadOf(handler: EventHandler, envelope: Envelope): never {
  return (envelope as unknown as Record<string, unknown>)[handler.event] as never;
}
