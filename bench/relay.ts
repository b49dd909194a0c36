/**
 * Outbox → relay → Kafka throughput and latency, against a ceiling measured in the same run:
 *   1. ceiling: the same N framed messages sent by a bare kafkajs producer with the relay's guarantees
 *      (idempotent, acks=all, one request in flight, same batch size) to the same broker;
 *   2. relay throughput: N events committed to an outbox, drained by the relay;
 *   3. latency: commit-to-Kafka-ack at a steady 1,000 events/s.
 * Usage: npm run bench:relay [-- N]   (needs `npm run infra:up`; uses its own database and topic prefix)
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Partitioners } from 'kafkajs';
import pg from 'pg';
import { UserStream } from '../proto/streams';
import { startRelay } from '../relay/relay';
import { loadConfig } from '../src/config/config';
import { createModuleDatabase } from '../src/db/database';
import { migrateAll } from '../src/db/migrate';
import { createLogger } from '../src/logging/logger';
import { cloudEventHeaders } from '../src/messaging/cloud-events';
import { createKafka } from '../src/messaging/kafka';
import { recordEvents } from '../src/messaging/outbox';
import { frame } from '../src/messaging/wire-format';

const N = Number(process.argv[2] ?? 20_000);
const RATE = 1000;
const LATENCY_SECONDS = 10;
const runId = `bench${Date.now().toString(36)}`;
process.env.DATABASE_URL ??= `postgres://postgres@127.0.0.1:5432/mart_${runId}`;
process.env.KAFKA_TOPIC_PREFIX ??= `${runId}.`;
process.env.LOG_LEVEL ??= 'warn';
process.env.RELAY_STATS_INTERVAL_MS ??= '600000';

const config = loadConfig();
const logger = createLogger({ level: config.logLevel, name: 'bench' });

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function unpublished(pool: pg.Pool): Promise<number> {
  const { rowCount } = await pool.query('select 1 from users.outbox_pending limit 1');
  return rowCount ?? 0;
}

async function main(): Promise<void> {
  await migrateAll(config);
  const db = createModuleDatabase({ url: config.database.url, schema: 'users', poolMax: 20 });
  const pool = new pg.Pool({ connectionString: config.database.url, max: 4 });
  const kafka = createKafka({ brokers: config.kafka.brokers, clientId: 'bench', logger });

  // A representative event: what the users module writes when someone registers.
  const sample = (i: number) => {
    const userId = randomUUID();
    return {
      aggregateId: userId,
      event: 'userRegistered' as const,
      payload: { userId, email: `user${i}@example.com`, name: `User ${i}`, role: 'customer' },
    };
  };

  // 1. Ceiling: a bare producer with the same guarantees, same batch size, same bytes and headers.
  const ceilingTopic = `${config.kafka.topicPrefix}bench.ceiling`;
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: ceilingTopic, numPartitions: config.kafka.topicPartitions }] });
  await admin.disconnect();
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
    retry: { retries: Number.MAX_SAFE_INTEGER },
  });
  await producer.connect();
  const messages = Array.from({ length: N }, (_, i) => {
    const { aggregateId, payload } = sample(i);
    const envelope = UserStream.codec.create({ eventId: randomUUID(), occurredAt: new Date().toISOString(), aggregateId, userRegistered: payload });
    return {
      key: aggregateId,
      value: frame(1, [0], UserStream.codec.encode(envelope).finish()),
      headers: cloudEventHeaders({ eventId: envelope.eventId, eventType: 'mart.users.v1.UserRegistered', module: 'users', aggregateId, occurredAt: new Date() }),
    };
  });
  const ceilingStart = performance.now();
  for (let i = 0; i < N; i += config.relay.batchSize) {
    await producer.sendBatch({ acks: -1, topicMessages: [{ topic: ceilingTopic, messages: messages.slice(i, i + config.relay.batchSize) }] });
  }
  const ceilingRate = N / ((performance.now() - ceilingStart) / 1000);
  await producer.disconnect();

  // 2. Relay throughput: N events become visible at once (one commit), then a running, idle relay drains them.
  const relay = await startRelay(config, logger, { modules: ['users'] });
  await sleep(2000); // lock taken, schemas registered, producer connected
  await db.transaction(async (trx) => {
    for (let i = 0; i < N; i += 1000) {
      await recordEvents(trx, UserStream, Array.from({ length: Math.min(1000, N - i) }, (_, j) => sample(i + j)));
    }
  });
  const drainStart = performance.now();
  while ((await unpublished(pool)) > 0) await sleep(10);
  const relayRate = N / ((performance.now() - drainStart) / 1000);

  // 3. Latency at a steady 1,000 events/s: 10 events per transaction, 100 transactions per second.
  const committedAt = new Map<string, number>();
  const ticks = (RATE / 10) * LATENCY_SECONDS;
  const tickStart = performance.now();
  const writes: Promise<void>[] = [];
  for (let t = 0; t < ticks; t += 1) {
    const due = tickStart + (t * 1000 * 10) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    writes.push(
      db
        .transaction((trx) => recordEvents(trx, UserStream, Array.from({ length: 10 }, (_, j) => sample(t * 10 + j))))
        .then((recorded) => {
          const now = Date.now();
          for (const r of recorded) committedAt.set(r.eventId, now);
        }),
    );
  }
  await Promise.all(writes);
  while ((await unpublished(pool)) > 0) await sleep(5);
  const { rows } = await pool.query<{ event_id: string; published_ms: number }>(
    'select event_id, extract(epoch from published_at) * 1000 as published_ms from users.outbox where event_id = any($1::uuid[])',
    [[...committedAt.keys()]],
  );
  const latencies = rows.map((r) => Math.max(0, Number(r.published_ms) - committedAt.get(r.event_id)!)).sort((a, b) => a - b);

  await relay.stop();
  await db.destroy();
  await pool.end();

  const ratio = relayRate / ceilingRate;
  const p50 = percentile(latencies, 50);
  const p99 = percentile(latencies, 99);
  console.log(`
relay benchmark (N=${N}, batch ${config.relay.batchSize}, ${config.kafka.topicPartitions} partitions)
  bare kafkajs producer (ceiling) ${ceilingRate.toFixed(0).padStart(8)} events/s
  outbox -> relay -> kafka        ${relayRate.toFixed(0).padStart(8)} events/s   (commit of ${N} to empty backlog)
  ratio relay / ceiling           ${ratio.toFixed(2).padStart(8)}            target >= 0.80  ${ratio >= 0.8 ? 'met' : 'MISSED'}
  commit-to-Kafka-ack latency at ${RATE} events/s over ${LATENCY_SECONDS}s (${latencies.length} events)
    p50 ${p50.toFixed(1)} ms   p99 ${p99.toFixed(1)} ms   max ${latencies[latencies.length - 1].toFixed(1)} ms   target p99 < 50 ms  ${p99 < 50 ? 'met' : 'MISSED'}
`);
  const admin2 = new pg.Client({ connectionString: config.database.url.replace(/\/[^/]*$/, '/postgres') });
  await admin2.connect();
  await admin2.query(`drop database if exists "mart_${runId}" with (force)`);
  await admin2.end();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
