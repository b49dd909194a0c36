import { setTimeout as sleep } from 'node:timers/promises';
import type { Kafka } from 'kafkajs';
import type pg from 'pg';
import type { Logger } from '../src/logging/logger';
import type { ModuleName } from '../src/module-names';
import { Backoff, type Outages } from '../src/health/outages';
import { SchemaRejectedError } from '../src/messaging/schema-registry';
import type { TopicNames } from '../src/messaging/topic-names';
import { LaneSender } from './lane-sender';
import { MarkQueue } from './mark-queue';
import { OutboxLease } from './outbox-lease';
import { OutboxQueries } from './outbox-queries';
import { deleteExpiredOutboxRows } from './outbox-retention';
import type { OutboxRow, SchemaIdsByTopic } from './outbox-rows';
import type { SchemaIds } from './schema-ids';
import { WakeSignal } from './wake-signal';

/** Told what a publisher does, for metrics. */
export interface OutboxObserver {
  onActive(outbox: string, active: boolean): void;
  onPublished(outbox: string, count: number): void;
  onBacklog(outbox: string, backlog: number, oldestAgeMs: number): void;
}

export interface OutboxPublisherOptions {
  module: ModuleName;
  databaseUrl: string;
  pool: pg.Pool;
  kafka: Kafka;
  topicNames: TopicNames;
  schemaIds: SchemaIds;
  logger: Logger;
  batchSize: number;
  /**
   * How long a woken publisher waits before it reads, so that the commits of that moment are read (and deleted from
   * the pending queue) together instead of one read each; 0 reads at once.
   */
  lingerMs: number;
  /** Idempotent producers sending this outbox's batches (see lane-sender.ts). */
  producers: number;
  batchesInFlight: number;
  lockRetryMs: number;
  retentionHours: number;
  cleanupIntervalMs: number;
  statsIntervalMs: number;
  observer?: OutboxObserver;
  /** The process's record of unreachable dependencies: an outage is logged once, and retried with backoff. */
  outages: Outages;
}

/** How a batch handed to the sender ended: acknowledged rows (all of them unless the sender was stopped), or a failure. */
type BatchOutcome = { batch: OutboxRow[]; acknowledged: number[] } | { batch: OutboxRow[]; error: unknown };

const IDLE_POLL_MS = 1000;

/**
 * Publishes one module's outbox to Kafka while it holds the outbox's lease (outbox-lease.ts), so exactly one
 * relay process publishes each outbox; standbys retry the lease and take over when its session ends. Rows
 * are read pending-first in id order, sent with idempotent producers (acks=all, one request in flight each;
 * a row's producer follows from its aggregate key, see publish-lanes.ts), and marked published only after
 * Kafka acknowledged them.
 */
export class OutboxPublisher {
  private readonly log: Logger;
  private readonly schema: string;
  private readonly queries: OutboxQueries;
  private readonly lease: OutboxLease;
  private readonly stopping = new AbortController();
  private readonly wake = new WakeSignal(this.stopping.signal);
  private sender?: LaneSender;
  private published = 0;
  private publishedAtLastStats = 0;
  private statsTimer?: NodeJS.Timeout;
  private lastCleanup = 0;
  private readonly backoff = new Backoff();

  constructor(private readonly options: OutboxPublisherOptions) {
    this.schema = options.module;
    this.log = options.logger.child({ component: 'outbox-publisher', outbox: options.module });
    this.queries = new OutboxQueries(options.pool, this.schema);
    this.lease = new OutboxLease(options.databaseUrl, this.schema, {
      onNotify: () => this.wake.wake(),
      onLost: () => {
        this.wake.wake();
        // Another relay may take the outbox over now: stop sending at once.
        void this.sender?.stop();
      },
    });
    options.observer?.onActive(options.module, false);
  }

  /** Whether this process is the one publishing the outbox now. */
  get active(): boolean {
    return this.lease.held;
  }

  /** Rows this publisher has marked published since it started (for the benchmark and tests). */
  get publishedTotal(): number {
    return this.published;
  }

  async run(): Promise<void> {
    while (!this.stopped) {
      try {
        const acquired = await this.lease.tryAcquire();
        this.options.outages.succeeded('postgres');
        this.backoff.reset();
        if (!acquired) {
          // A wake left over from the last lease (e.g. the one its loss raised) must not cut this wait short.
          this.wake.clear();
          await this.wake.sleep(this.options.lockRetryMs);
          continue;
        }
        this.options.observer?.onActive(this.schema, true);
        this.log.info('took over the outbox');
        await this.options.schemaIds.registerModule(this.options.module);
        this.options.outages.succeeded('schema registry');
        await this.publishWhileActive(this.options.schemaIds.forModule(this.options.module));
      } catch (error) {
        if (error instanceof SchemaRejectedError) {
          this.log.error({ err: error }, 'refusing to publish: schema rejected');
          await this.pause(30_000);
        } else if (this.options.outages.failed(error)) {
          // Postgres, Kafka or the registry is away: the lease is given up below and taken again once it answers.
          await this.pause(this.backoff.delay());
        } else {
          this.log.error({ err: error }, 'outbox publisher failed');
          await this.pause(1000);
        }
      } finally {
        await this.giveUpLease();
      }
    }
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    this.wake.wake();
    // Ends a send that is retrying through a broker outage.
    await this.sender?.stop();
  }

  private get stopped(): boolean {
    return this.stopping.signal.aborted;
  }

  private stillActive(): boolean {
    return !this.stopped && this.lease.held;
  }

  /** A backoff that stop() cuts short. */
  private async pause(ms: number): Promise<void> {
    await sleep(ms, undefined, { signal: this.stopping.signal }).catch(() => undefined);
  }

  private async giveUpLease(): Promise<void> {
    const wasActive = this.lease.held;
    if (this.statsTimer) clearInterval(this.statsTimer);
    this.statsTimer = undefined;
    await this.sender?.stop();
    this.sender = undefined;
    await this.lease.release();
    if (wasActive) this.options.observer?.onActive(this.schema, false);
  }

  /**
   * A pipeline: up to `batchesInFlight` batches are handed to the sender at once (it keeps each aggregate's
   * events in order, see lane-sender.ts), the next batch is read while they are being sent, and acknowledged
   * rows are marked published in the background (acknowledgements that queue up merge into one DELETE).
   * Reads exclude rows in flight or not yet marked, so nothing is read twice and nothing committed late
   * is skipped. It ends when the lease is lost or the publisher stops, or with the first failed batch.
   */
  private async publishWhileActive(schemaIds: SchemaIdsByTopic): Promise<void> {
    const sender = new LaneSender({
      kafka: this.options.kafka,
      lanes: this.options.producers,
      topicNames: this.options.topicNames,
      logger: this.log,
    });
    this.sender = sender;
    this.startStats();
    const marks = new MarkQueue((ids) => this.markPublished(ids));
    const inFlight = new Map<Promise<BatchOutcome>, OutboxRow[]>();
    const settle = async (): Promise<'go on' | 'stop'> => {
      const outcome = await Promise.race(inFlight.keys());
      for (const [promise, batch] of inFlight) if (batch === outcome.batch) inFlight.delete(promise);
      if ('error' in outcome) throw outcome.error;
      // Fewer than all: the sender was stopped (stopping, lease lost); the rest stays pending.
      return outcome.acknowledged.length < outcome.batch.length ? 'stop' : 'go on';
    };

    try {
      while (this.stillActive()) {
        if (inFlight.size >= this.options.batchesInFlight) {
          if ((await settle()) === 'stop') break;
          continue;
        }
        const excluded = [...[...inFlight.values()].flat().map((row) => row.id), ...marks.unmarked];
        // Cleared before the read: a row committed after the read's snapshot has its NOTIFY remembered.
        this.wake.clear();
        const batch = await this.queries.nextBatch(this.options.batchSize, excluded);
        if (batch.length === 0) {
          if (inFlight.size > 0) {
            if ((await settle()) === 'stop') break;
            continue;
          }
          await marks.settled();
          await this.cleanupIfDue();
          await this.sleepUntilNews();
          continue;
        }
        // Acknowledged rows join the mark queue as soon as Kafka answers, not when the loop next settles a
        // batch: acknowledgements arriving while the loop reads or waits then merge into the running DELETE.
        const sent = sender.send(batch, schemaIds).then(
          (acknowledged): BatchOutcome => {
            this.options.outages.succeeded('kafka');
            marks.add(acknowledged);
            return { batch, acknowledged };
          },
          (error: unknown): BatchOutcome => ({ batch, error }),
        );
        inFlight.set(sent, batch);
        // Backpressure: never let acknowledged-but-unmarked rows pile up beyond a few batches.
        if (marks.unmarked.size > this.options.batchSize * 4) await marks.settled();
        // A short batch drained the outbox as of its read. Unless news arrived since, reading again at once
        // would find nothing: the loop settles what is in flight and sleeps until the next NOTIFY instead.
        if (batch.length < this.options.batchSize && !this.wake.isPending) {
          let stopped = false;
          while (inFlight.size > 0 && !stopped) stopped = (await settle()) === 'stop';
          if (stopped) break;
          await marks.settled();
          await this.sleepUntilNews();
        }
      }
    } finally {
      // Rows of batches still in flight are marked if Kafka acknowledges them; failures leave them pending.
      await Promise.all(inFlight.keys());
      await marks.settled();
    }
  }

  /** Sleeps until a NOTIFY (or IDLE_POLL_MS), then lingers so that the rows committed around it are read together. */
  private async sleepUntilNews(): Promise<void> {
    if (!(await this.wake.sleep(IDLE_POLL_MS)) || this.options.lingerMs === 0) return;
    await this.pause(this.options.lingerMs);
  }

  private async markPublished(ids: number[]): Promise<void> {
    try {
      await this.queries.markPublished(ids);
      this.published += ids.length;
      this.options.observer?.onPublished(this.schema, ids.length);
    } catch (error) {
      // The rows stay pending and are sent again: a duplicate that consumers' inboxes absorb.
      if (!this.options.outages.failed(error)) this.log.warn({ err: error, rows: ids.length }, 'could not mark rows published');
    }
  }

  private async cleanupIfDue(): Promise<void> {
    if (Date.now() - this.lastCleanup < this.options.cleanupIntervalMs) return;
    this.lastCleanup = Date.now();
    const deleted = await deleteExpiredOutboxRows(this.options.pool, this.schema, this.options.retentionHours * 3600, () => this.stillActive());
    if (deleted > 0) this.log.info({ deleted }, 'deleted published outbox rows past retention');
  }

  private startStats(): void {
    void this.logStats();
    this.statsTimer = setInterval(() => void this.logStats(), this.options.statsIntervalMs);
    this.statsTimer.unref();
  }

  private async logStats(): Promise<void> {
    const seconds = this.options.statsIntervalMs / 1000;
    const published = this.published - this.publishedAtLastStats;
    this.publishedAtLastStats = this.published;
    try {
      const { backlog, oldestUnpublishedAgeMs } = await this.queries.backlog();
      this.options.observer?.onBacklog(this.schema, backlog, oldestUnpublishedAgeMs);
      // An idle outbox logs its stats at debug level only: nothing to see every ten seconds.
      const level = backlog > 0 || published > 0 ? 'info' : 'debug';
      this.log[level]({ backlog, oldestUnpublishedAgeMs, publishedPerSecond: Math.round(published / seconds) }, 'outbox stats');
    } catch (error) {
      if (!this.options.outages.failed(error)) this.log.warn({ err: error }, 'could not read outbox stats');
    }
  }
}
