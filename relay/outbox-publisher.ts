import { setTimeout as sleep } from 'node:timers/promises';
import type { Kafka } from 'kafkajs';
import pg from 'pg';
import type { ModuleName } from '../src/module-names';
import type { Logger } from '../src/logging/logger';
import { outboxChannel } from '../src/messaging/outbox-tables';
import { SchemaRejectedError } from '../src/messaging/schema-registry';
import type { TopicNames } from '../src/messaging/topic-names';
import { LaneSender } from './lane-sender';
import { deleteExpiredOutboxRows } from './outbox-retention';
import type { OutboxRow } from './outbox-rows';
import type { SchemaIds } from './schema-ids';

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
  /** Idempotent producers sending this outbox's batches (see lane-sender.ts). */
  producers: number;
  batchesInFlight: number;
  lockRetryMs: number;
  retentionHours: number;
  cleanupIntervalMs: number;
  statsIntervalMs: number;
  observer?: OutboxObserver;
}

const IDLE_POLL_MS = 1000;

/**
 * Publishes one module's outbox to Kafka. Holds a Postgres advisory lock while active so that exactly one
 * relay process publishes each outbox; standbys retry the lock and take over when its session ends.
 * Rows are read unpublished-first in id order, sent with idempotent producers (acks=all, one request in
 * flight each; a row's producer follows from its aggregate key, see publish-lanes.ts), and marked published
 * only after Kafka acknowledged them.
 */
export class OutboxPublisher {
  private readonly log: Logger;
  private readonly schema: string;
  private stopped = false;
  private readonly stopping = new AbortController();
  private lockClient?: pg.Client;
  private lockLost = false;
  private sender?: LaneSender;
  private pendingWake = false;
  private wake?: () => void;
  private publishedAtLastStats = 0;
  /** Rows this publisher has marked published since it started (for the benchmark and tests). */
  publishedTotal = 0;
  private statsTimer?: NodeJS.Timeout;
  private lastCleanup = 0;
  active = false;

  constructor(private readonly options: OutboxPublisherOptions) {
    this.schema = options.module;
    this.log = options.logger.child({ component: 'outbox-publisher', outbox: options.module });
    options.observer?.onActive(options.module, false);
  }

  async run(): Promise<void> {
    while (!this.stopped) {
      try {
        if (!(await this.acquireLock())) {
          await this.sleepUnlessWoken(this.options.lockRetryMs);
          continue;
        }
        this.log.info('took over the outbox');
        await this.options.schemaIds.registerModule(this.options.module);
        await this.publishWhileActive();
      } catch (error) {
        const refused = error instanceof SchemaRejectedError;
        this.log.error({ err: error }, refused ? 'refusing to publish: schema rejected' : 'outbox publisher failed');
        await this.pause(refused ? 30_000 : 1000);
      } finally {
        await this.releaseLock();
      }
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.stopping.abort();
    this.triggerWake();
    // Ends a send that is retrying through a broker outage.
    await this.sender?.stop();
  }

  /** A backoff that stop() cuts short. */
  private async pause(ms: number): Promise<void> {
    await sleep(ms, undefined, { signal: this.stopping.signal }).catch(() => undefined);
  }

  private async acquireLock(): Promise<boolean> {
    const client = new pg.Client({
      connectionString: this.options.databaseUrl,
      application_name: `mart-relay:${this.schema}:${process.pid}`,
      connectionTimeoutMillis: 10_000,
    });
    client.on('error', () => this.onLockLost());
    client.on('end', () => this.onLockLost());
    await client.connect();
    const { rows } = await client.query<{ locked: boolean }>(
      'select pg_try_advisory_lock(hashtext($1)) as locked',
      [`mart.outbox.${this.schema}`],
    );
    if (!rows[0].locked) {
      await client.end().catch(() => {});
      return false;
    }
    this.lockClient = client;
    this.lockLost = false;
    client.on('notification', () => this.triggerWake());
    await client.query(`LISTEN ${outboxChannel(this.schema)}`);
    this.active = true;
    this.options.observer?.onActive(this.schema, true);
    return true;
  }

  private onLockLost(): void {
    if (!this.active) return;
    this.lockLost = true;
    this.triggerWake();
    // Another relay may take the outbox over now: stop sending at once.
    void this.sender?.stop();
  }

  private async releaseLock(): Promise<void> {
    if (this.active) this.options.observer?.onActive(this.schema, false);
    this.active = false;
    if (this.statsTimer) clearInterval(this.statsTimer);
    this.statsTimer = undefined;
    await this.sender?.stop();
    this.sender = undefined;
    const client = this.lockClient;
    this.lockClient = undefined;
    // Ending the session releases the advisory lock.
    await client?.end().catch(() => {});
  }

  private stillActive(): boolean {
    return !this.stopped && !this.lockLost;
  }

  /**
   * A pipeline: up to `batchesInFlight` batches are handed to the sender at once (it keeps each aggregate's
   * events in order, see lane-sender.ts), the next batch is read while they are being sent, and acknowledged
   * rows are marked published in the background (acknowledgements that queue up merge into one UPDATE).
   * Reads exclude rows in flight or not yet marked, so nothing is read twice and nothing committed late
   * is skipped.
   */
  private async publishWhileActive(): Promise<void> {
    const schemaIds = this.options.schemaIds.forModule(this.options.module);
    const sender = new LaneSender({
      kafka: this.options.kafka,
      lanes: this.options.producers,
      topicNames: this.options.topicNames,
      logger: this.log,
    });
    this.sender = sender;
    void this.logStats();
    this.statsTimer = setInterval(() => void this.logStats(), this.options.statsIntervalMs);
    this.statsTimer.unref();
    const marks = new MarkQueue((ids) => this.markPublished(ids));
    const inFlightIds = new Set<number>();
    const inFlight = new Set<Promise<void>>();
    let incomplete = false;
    let failure: unknown;

    while (this.stillActive() && !incomplete && failure === undefined) {
      if (inFlight.size >= this.options.batchesInFlight) {
        await Promise.race(inFlight);
        continue;
      }
      const rows = await this.nextBatch([...inFlightIds, ...marks.unmarked]);
      if (rows.length === 0) {
        if (inFlight.size > 0) {
          await Promise.race(inFlight);
          continue;
        }
        await marks.settled();
        await this.cleanupIfDue();
        if (!this.pendingWake) await this.sleepUnlessWoken(IDLE_POLL_MS);
        this.pendingWake = false;
        continue;
      }
      this.pendingWake = false;
      for (const row of rows) inFlightIds.add(row.id);
      const sent: Promise<void> = sender
        .send(rows, schemaIds)
        .then(
          (acknowledged) => {
            marks.add(acknowledged);
            // Fewer than all: the sender was stopped (stopping, lock lost); the rest stays unpublished.
            if (acknowledged.length < rows.length) incomplete = true;
          },
          (error: unknown) => {
            failure = error;
          },
        )
        .finally(() => {
          for (const row of rows) inFlightIds.delete(row.id);
          inFlight.delete(sent);
        });
      inFlight.add(sent);
      // Backpressure: never let acknowledged-but-unmarked rows pile up beyond a few batches.
      if (marks.unmarked.size > this.options.batchSize * 4) await marks.settled();
    }
    await Promise.all(inFlight);
    await marks.settled();
    if (failure !== undefined) throw failure;
  }

  /** A row is published once its id has left outbox_pending; the outbox row itself is never rewritten. */
  private async markPublished(ids: number[]): Promise<void> {
    try {
      await this.options.pool.query(`delete from ${this.schema}.outbox_pending where id = any($1::bigint[])`, [ids]);
      this.publishedTotal += ids.length;
      this.options.observer?.onPublished(this.schema, ids.length);
    } catch (error) {
      // The rows stay unpublished and are sent again: a duplicate that consumers' inboxes absorb.
      this.log.warn({ err: error, rows: ids.length }, 'could not mark rows published');
    }
  }

  private async nextBatch(excludedIds: number[]): Promise<OutboxRow[]> {
    const { rows } = await this.options.pool.query<OutboxRow>(
      // Text, not jsonb or timestamptz: parsing those per row was a measurable share of the relay's CPU.
      `select id, event_id, topic, message_key, event_type, payload, headers->>'traceparent' as traceparent,
              to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as occurred_at
         from ${this.schema}.outbox
        where id in (
          select id from ${this.schema}.outbox_pending
           where id not in (select unnest($2::bigint[]))
           order by id
           limit $1)
        order by id
        limit $1`,
      [this.options.batchSize, excludedIds],
    );
    return rows;
  }

  private async cleanupIfDue(): Promise<void> {
    if (Date.now() - this.lastCleanup < this.options.cleanupIntervalMs) return;
    this.lastCleanup = Date.now();
    const deleted = await deleteExpiredOutboxRows(this.options.pool, this.schema, this.options.retentionHours * 3600, () => this.stillActive());
    if (deleted > 0) this.log.info({ deleted }, 'deleted published outbox rows past retention');
  }

  private async logStats(): Promise<void> {
    const seconds = this.options.statsIntervalMs / 1000;
    const published = this.publishedTotal - this.publishedAtLastStats;
    this.publishedAtLastStats = this.publishedTotal;
    try {
      const { rows } = await this.options.pool.query<{ backlog: number; oldest_age_ms: number | null }>(
        `select count(*)::int as backlog,
                (extract(epoch from clock_timestamp() - min(created_at)) * 1000)::int as oldest_age_ms
           from ${this.schema}.outbox_pending join ${this.schema}.outbox using (id)`,
      );
      const { backlog } = rows[0];
      const oldestUnpublishedAgeMs = rows[0].oldest_age_ms ?? 0;
      this.options.observer?.onBacklog(this.schema, backlog, oldestUnpublishedAgeMs);
      // An idle outbox logs its stats at debug level only: nothing to see every ten seconds.
      const level = backlog > 0 || published > 0 ? 'info' : 'debug';
      this.log[level]({ backlog, oldestUnpublishedAgeMs, publishedPerSecond: Math.round(published / seconds) }, 'outbox stats');
    } catch (error) {
      this.log.warn({ err: error }, 'could not read outbox stats');
    }
  }

  private triggerWake(): void {
    this.pendingWake = true;
    this.wake?.();
  }

  private async sleepUnlessWoken(ms: number): Promise<void> {
    if (this.pendingWake || this.stopped) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
    this.wake = undefined;
  }
}

/** Acknowledged row ids waiting to be marked published; whatever queues up while one UPDATE runs goes in the next. */
class MarkQueue {
  readonly unmarked = new Set<number>();
  private queued: number[] = [];
  private running?: Promise<void>;

  constructor(private readonly mark: (ids: number[]) => Promise<void>) {}

  add(ids: number[]): void {
    for (const id of ids) this.unmarked.add(id);
    this.queued.push(...ids);
    this.running ??= this.drain();
  }

  async settled(): Promise<void> {
    await this.running;
  }

  private async drain(): Promise<void> {
    while (this.queued.length > 0) {
      const ids = this.queued;
      this.queued = [];
      await this.mark(ids);
      for (const id of ids) this.unmarked.delete(id);
    }
    this.running = undefined;
  }
}
