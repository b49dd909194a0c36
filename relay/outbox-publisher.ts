import { setTimeout as sleep } from 'node:timers/promises';
import { Partitioners, type Kafka, type Producer, type TopicMessages } from 'kafkajs';
import pg from 'pg';
import { streamForTopic, type ModuleName } from '../proto/streams';
import type { Logger } from '../src/logging/logger';
import { cloudEventHeaders } from '../src/messaging/cloud-events';
import { outboxChannel } from '../src/messaging/outbox-tables';
import { SchemaRejectedError } from '../src/messaging/schema-registry';
import type { TopicNames } from '../src/messaging/topic-names';
import { frame } from '../src/messaging/wire-format';
import type { SchemaIds } from './schema-ids';

export interface OutboxPublisherOptions {
  module: ModuleName;
  databaseUrl: string;
  pool: pg.Pool;
  kafka: Kafka;
  schemaIds: SchemaIds;
  topicNames: TopicNames;
  logger: Logger;
  batchSize: number;
  lockRetryMs: number;
  retentionHours: number;
  cleanupIntervalMs: number;
  statsIntervalMs: number;
}

interface OutboxRow {
  id: number;
  event_id: string;
  topic: string;
  message_key: string;
  event_type: string;
  payload: Buffer;
  traceparent: string | null;
  occurred_at: string;
}

const IDLE_POLL_MS = 1000;
const RETENTION_CHUNK = 5000;

/**
 * Publishes one module's outbox to Kafka. Holds a Postgres advisory lock while active so that exactly one
 * relay process publishes each outbox; standbys retry the lock and take over when its session ends.
 * Rows are read unpublished-first in id order, sent in one batch with an idempotent producer (acks=all,
 * one request in flight), and marked published only after Kafka acknowledged them.
 */
export class OutboxPublisher {
  private readonly log: Logger;
  private readonly schema: string;
  private stopped = false;
  private readonly stopping = new AbortController();
  private lockClient?: pg.Client;
  private lockLost = false;
  private pendingWake = false;
  private wake?: () => void;
  private producer?: Producer;
  private publishedSinceStats = 0;
  private statsTimer?: NodeJS.Timeout;
  private lastCleanup = 0;
  active = false;

  constructor(private readonly options: OutboxPublisherOptions) {
    this.schema = options.module;
    this.log = options.logger.child({ component: 'outbox-publisher', outbox: options.module });
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
    return true;
  }

  private onLockLost(): void {
    if (!this.active) return;
    this.lockLost = true;
    this.triggerWake();
  }

  private async releaseLock(): Promise<void> {
    this.active = false;
    if (this.statsTimer) clearInterval(this.statsTimer);
    this.statsTimer = undefined;
    await this.producer?.disconnect().catch(() => {});
    this.producer = undefined;
    const client = this.lockClient;
    this.lockClient = undefined;
    // Ending the session releases the advisory lock.
    await client?.end().catch(() => {});
  }

  private stillActive(): boolean {
    return !this.stopped && !this.lockLost;
  }

  /**
   * A three-stage pipeline: while batch k is being sent, batch k+1 is read, and acknowledged rows are being
   * marked published in the background (queued acknowledgements merge into one UPDATE). Sends stay strictly
   * sequential (one idempotent producer, one request in flight), so the order within a partition is the
   * outbox order. Rows that were sent but are not yet marked are excluded from reads, so nothing is read
   * twice and nothing committed late is skipped.
   */
  private async publishWhileActive(): Promise<void> {
    this.producer = await this.connectProducer();
    this.statsTimer = setInterval(() => void this.logStats(), this.options.statsIntervalMs);
    this.statsTimer.unref();
    const marks = new MarkQueue((ids) => this.markPublished(ids));
    let next = this.nextBatch([]);
    while (this.stillActive()) {
      const rows = await next;
      if (rows.length === 0) {
        await marks.settled();
        await this.cleanupIfDue();
        if (!this.pendingWake) await this.sleepUnlessWoken(IDLE_POLL_MS);
        this.pendingWake = false;
        next = this.nextBatch([]);
        continue;
      }
      const ids = rows.map((r) => r.id);
      this.pendingWake = false;
      const sending = this.sendUntilAcknowledged(rows);
      next = this.nextBatch([...marks.unmarked, ...ids]);
      if (!(await sending)) {
        await next.catch(() => []);
        break;
      }
      marks.add(ids);
      // Backpressure: never let acknowledged-but-unmarked rows pile up beyond a few batches.
      if (marks.unmarked.size > this.options.batchSize * 4) await marks.settled();
    }
    await marks.settled();
  }

  private async markPublished(ids: number[]): Promise<void> {
    try {
      await this.options.pool.query(
        `with dequeued as (delete from ${this.schema}.outbox_pending where id = any($1::bigint[]))
         update ${this.schema}.outbox set published_at = now() where id = any($1::bigint[])`,
        [ids],
      );
      this.publishedSinceStats += ids.length;
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

  private toTopicMessages(rows: OutboxRow[]): TopicMessages[] {
    const byTopic = new Map<string, TopicMessages>();
    for (const row of rows) {
      const stream = streamForTopic(row.topic);
      if (!stream) throw new Error(`outbox row ${row.id} names unknown topic ${row.topic}`);
      const entry = byTopic.get(row.topic) ?? { topic: this.options.topicNames.physical(row.topic), messages: [] };
      entry.messages.push({
        key: row.message_key,
        value: frame(this.options.schemaIds.idFor(stream), [0], row.payload),
        headers: cloudEventHeaders({
          eventId: row.event_id,
          eventType: row.event_type,
          module: stream.module,
          aggregateId: row.message_key,
          occurredAt: row.occurred_at,
          traceparent: row.traceparent ?? undefined,
        }),
      });
      byTopic.set(row.topic, entry);
    }
    return [...byTopic.values()];
  }

  /** Retries the same batch with backoff through broker outages; order is kept because nothing later is read meanwhile. */
  private async sendUntilAcknowledged(rows: OutboxRow[]): Promise<boolean> {
    const topicMessages = this.toTopicMessages(rows);
    for (let attempt = 1; this.stillActive(); attempt += 1) {
      try {
        await this.producer!.sendBatch({ acks: -1, topicMessages });
        if (attempt > 1) this.log.info({ attempt }, 'kafka is back, publishing resumed');
        return true;
      } catch (error) {
        this.log.warn({ err: error, attempt, rows: rows.length }, 'publishing failed, will retry');
        await this.pause(Math.min(200 * 2 ** Math.min(attempt - 1, 5), 5000));
        // A fresh producer gets a fresh producer id and sequence numbers after a failed idempotent send.
        await this.producer!.disconnect().catch(() => {});
        this.producer = await this.connectProducer().catch(() => this.producer);
      }
    }
    return false;
  }

  private async connectProducer(): Promise<Producer> {
    const producer = this.options.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
      // The idempotent producer wants unlimited retries; maxRetryTime bounds one send so an outage surfaces here.
      retry: { retries: Number.MAX_SAFE_INTEGER, maxRetryTime: 10_000 },
    });
    await producer.connect();
    return producer;
  }

  private async cleanupIfDue(): Promise<void> {
    if (Date.now() - this.lastCleanup < this.options.cleanupIntervalMs) return;
    this.lastCleanup = Date.now();
    // Rows expire oldest first, so retention deletes a prefix of the table in id order, a chunk at a time,
    // stopping at the first row that is unpublished or still within the retention.
    let deleted = 0;
    for (let chunk = RETENTION_CHUNK; chunk === RETENTION_CHUNK && this.stillActive(); ) {
      const result = await this.options.pool.query(
        `with oldest as (select id, published_at from ${this.schema}.outbox order by id limit ${RETENTION_CHUNK}),
              first_kept as (
                select min(id) as id from oldest
                 where published_at is null or published_at >= now() - make_interval(secs => $1))
         delete from ${this.schema}.outbox
          where id in (select id from oldest)
            and id < coalesce((select id from first_kept), 9223372036854775807)`,
        [this.options.retentionHours * 3600],
      );
      chunk = result.rowCount ?? 0;
      deleted += chunk;
    }
    if (deleted > 0) this.log.info({ deleted }, 'deleted published outbox rows past retention');
  }

  private async logStats(): Promise<void> {
    const seconds = this.options.statsIntervalMs / 1000;
    const published = this.publishedSinceStats;
    this.publishedSinceStats = 0;
    try {
      const { rows } = await this.options.pool.query<{ backlog: number; oldest_age_ms: number | null }>(
        `select count(*)::int as backlog,
                (extract(epoch from clock_timestamp() - min(created_at)) * 1000)::int as oldest_age_ms
           from ${this.schema}.outbox_pending join ${this.schema}.outbox using (id)`,
      );
      this.log.info(
        { backlog: rows[0].backlog, oldestUnpublishedAgeMs: rows[0].oldest_age_ms ?? 0, publishedPerSecond: Math.round(published / seconds) },
        'outbox stats',
      );
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
