import { setTimeout as sleep } from 'node:timers/promises';
import type { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import type { Knex } from 'knex';
import type { EventStream } from '../../proto/streams';
import { DomainError } from '../errors/domain-error';
import { Backoff, type Outages } from '../health/outages';
import type { Logger } from '../logging/logger';
import { handleInOneTransaction, runAfterCommit, type BatchLocks } from './consumer/batch-transaction';
import { DeadLetters } from './consumer/dead-letters';
import { decodeDelivery, PoisonMessageError, type Delivery, type Work } from './consumer/delivery';
import type { ConsumerMetrics } from './consumer-metrics';
import { EVERY_EVENT, type EventHandler } from './event-handler';
import type { TopicNames } from './topic-names';

export type { BatchLocks } from './consumer/batch-transaction';

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
  /**
   * How long the broker may hold a fetch to gather at least `minBytes` (defaults: answer as soon as anything is
   * there). Background work trades latency for fewer, fuller batches.
   */
  fetch?: { minBytes: number; maxWaitTimeInMs: number };
  metrics?: ConsumerMetrics;
  /** While Postgres is away a batch waits for it (logged there once) instead of counting failed attempts. */
  outages: Outages;
}

/**
 * How much of a fetched batch is handled in one transaction before its offset is resolved and the group heartbeat
 * sent. Work in flight is capped by the fetch sizes below: a partition's fetch holds at most 256 KiB, a fetch 1 MiB.
 */
const CHUNK = 200;

/** What became of a message: all its handlers ran, one refused it, none here wants it, or it went to the DLQ. */
type MessageOutcome = 'handled' | 'refused' | 'skipped' | 'dead_lettered';

/**
 * Runs a module's event handlers on a Kafka consumer group. The messages of a fetched batch (up to CHUNK at a time)
 * are handled in one transaction together with their inbox rows, so a redelivery has no second effect; offsets are
 * committed only after that transaction (see consumer/batch-transaction.ts for what runs in it).
 *
 * If anything in it fails, the transaction is rolled back and the same messages are handled again one event and
 * handler at a time, each in its own transaction, retried with backoff and then dead-lettered to `<topic>.dlq`, and
 * the partition moves on: one bad event never takes its neighbours with it. A failure that means Postgres is away
 * is not the events' fault: the same transaction is tried again, with backoff, until the database answers, and no
 * attempt is counted, so an outage never sends events to the DLQ.
 *
 * Partitions are consumed one at a time by default. A module whose batches cannot wait on each other's rows, or that
 * takes a batch's locks up front in one global order (`lockBatch`), consumes several partitions at once.
 */
export class ModuleConsumer {
  private readonly consumer: Consumer;
  private readonly deadLetters: DeadLetters;
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
      // Bounds the memory a backlog can take: one fetch of a partition holds at most this much.
      maxBytesPerPartition: 256 * 1024,
      maxBytes: 1024 * 1024,
      ...options.fetch,
    });
    this.log = options.logger.child({ component: 'consumer', group: options.groupId });
    this.deadLetters = new DeadLetters(options.kafka, options.groupId, this.log);
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
    await this.deadLetters.connect();
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
    await this.deadLetters.disconnect();
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
        const decoded = stream ? await this.decodeOrDeadLetter(stream, { topic, partition, message }) : undefined;
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
    let decoded: Pick<Work, 'envelope' | 'cause'>;
    try {
      decoded = decodeDelivery(stream, delivery);
    } catch (error) {
      await this.deadLetters.send(delivery, 'decode', 1, error);
      this.count('dead_lettered');
      return undefined;
    }
    const eventCase = decoded.envelope.event;
    const byEvent = this.handlersByTopic.get(delivery.topic);
    const handlers = eventCase ? [...(byEvent?.get(eventCase) ?? []), ...(byEvent?.get(EVERY_EVENT) ?? [])] : [];
    if (handlers.length === 0) {
      // A newer producer's event type, or one this module does not care about.
      this.log.debug({ topic: delivery.topic, partition: delivery.partition, offset: delivery.message.offset, eventCase }, 'skipping event');
      this.count('skipped');
      return undefined;
    }
    return { delivery, ...decoded, handlers };
  }

  private async handleAll(work: Work[], heartbeat: () => Promise<void>): Promise<void> {
    if (work.length === 0) return;
    try {
      const refused = await this.handleUntilDatabaseAnswers(() => this.handleTogether(work), heartbeat);
      this.count('handled', work.length - refused);
      this.count('refused', refused);
      return;
    } catch (error) {
      if (this.stopping) throw error;
      this.log.info({ err: error, events: work.length }, 'batch failed; handling its events one handler at a time');
      this.options.metrics?.batchFallbacks.inc({ group: this.options.groupId });
    }
    for (const item of work) {
      let outcome: MessageOutcome = 'handled';
      for (const handler of item.handlers) {
        const handled = await this.handleWithRetry({ ...item, handlers: [handler] }, heartbeat);
        if (handled === 'dead_lettered' || (handled === 'refused' && outcome === 'handled')) outcome = handled;
      }
      this.count(outcome);
    }
  }

  private count(outcome: MessageOutcome, messages = 1): void {
    if (messages > 0) this.options.metrics?.events.inc({ group: this.options.groupId, outcome }, messages);
  }

  /** The work in one transaction; returns how many of its (event, handler) pairs were refused. */
  private async handleTogether(work: Work[]): Promise<number> {
    const { refused, afterCommit } = await handleInOneTransaction(this.options.db, work, this.options.handlers, this.options.lockBatch);
    runAfterCommit(afterCommit, (error, event) => this.log.error({ err: error, causationId: event.cause.causationId }, 'after-commit work failed'));
    return refused;
  }

  /** One event with one handler, retried with backoff; dead-lettered when it cannot succeed. */
  private async handleWithRetry(item: Work, heartbeat: () => Promise<void>): Promise<'handled' | 'refused' | 'dead_lettered'> {
    const { maxAttempts, retryBaseMs } = this.options;
    const handler = item.handlers[0];
    for (let attempt = 1; ; attempt += 1) {
      try {
        const refused = await this.handleUntilDatabaseAnswers(() => this.handleTogether([item]), heartbeat);
        return refused > 0 ? 'refused' : 'handled';
      } catch (error) {
        const permanent = error instanceof DomainError || error instanceof PoisonMessageError;
        if (permanent || attempt >= maxAttempts) {
          await this.deadLetters.send(item.delivery, handler.name, attempt, error);
          return 'dead_lettered';
        }
        // Shutting down: leave the offset uncommitted instead of retrying; the event is redelivered later.
        if (this.stopping) throw error;
        this.log.warn({ err: error, handler: handler.name, attempt, eventId: item.envelope.eventId }, 'handler failed, retrying');
        await sleep(Math.min(retryBaseMs * 2 ** (attempt - 1), 10_000));
        await heartbeat();
      }
    }
  }

  /**
   * Runs a transaction; while it fails because Postgres is away (nothing was committed), waits with backoff
   * and runs it again. Any other failure, or stopping, ends it with that error.
   */
  private async handleUntilDatabaseAnswers<T>(transaction: () => Promise<T>, heartbeat: () => Promise<void>): Promise<T> {
    for (;;) {
      try {
        const result = await transaction();
        this.options.outages.succeeded('postgres');
        this.backoff.reset();
        return result;
      } catch (error) {
        if (this.stopping || this.options.outages.failed(error) !== 'postgres') throw error;
        await sleep(this.backoff.delay());
        // Keeps the group membership through a long outage; a rebalance ends the batch here.
        await heartbeat();
      }
    }
  }
}
