/**
 * Outbox → relay → Kafka throughput and latency, against a ceiling measured in the same run:
 *   1. ceiling: the same N framed messages sent by a bare kafkajs producer with the relay's guarantees
 *      (idempotent, acks=all, one request in flight, same batch size) to the same broker;
 *   2. relay throughput: N events committed to an outbox, drained by the relay;
 *   3. latency at a steady 1,000 events/s: from commit until the broker appended the event, and until a consumer got it.
 * Usage: npm run bench:relay [-- N]   (needs `npm run infra:up`; uses its own database and topic prefix)
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { ConfigResourceTypes, Partitioners } from 'kafkajs';
import pg from 'pg';
import { UserStream } from '../proto/streams';
import { startRelay } from '../relay/relay';
import { loadConfig } from '../src/config/config';
import { createModuleDatabase } from '../src/db/database';
import { prepareRun } from '../test/prepare-run';
import { createLogger } from '../src/logging/logger';
import { cloudEventHeaders } from '../src/messaging/cloud-events';
import { createKafka } from '../src/messaging/kafka';
import { recordEvents } from '../src/messaging/outbox';
import { frame } from '../src/messaging/wire-format';
import { useLocalKafkaCredentials } from '../test/kafka-operator';
import { localPostgresUrl, requireDatabaseUrl, useLocalRuntimeRoles } from '../test/local-postgres';
import { percentile } from './support/stats';
import { operatorSasl } from '../src/messaging/kafka-principals';

const N = Number(process.argv[2] ?? 20_000);
// Both paths first handle this many messages untimed, so that neither is measured on cold (unoptimised) code.
const WARMUP = Math.min(N, 10_000);
const RATE = 1000;
const LATENCY_SECONDS = 10;
const runId = `bench${Date.now().toString(36)}`;
process.env.DATABASE_URL ??= localPostgresUrl(`mart_${runId}`);
requireDatabaseUrl();
useLocalRuntimeRoles();
useLocalKafkaCredentials();
process.env.KAFKA_TOPIC_PREFIX ??= `${runId}.`;
process.env.LOG_LEVEL ??= 'warn';
process.env.RELAY_STATS_INTERVAL_MS ??= '600000';
process.env.RELAY_METRICS_PORT ??= '0';

const config = loadConfig(process.env, { requireJwtSecret: false });
const logger = createLogger({ level: config.logLevel, name: 'bench' });

async function main(): Promise<void> {
  await prepareRun(config);
  const db = createModuleDatabase({ url: config.database.url, schema: 'users', poolMax: 20 });
  const kafka = createKafka({ brokers: config.kafka.brokers, clientId: 'bench', logger, sasl: operatorSasl() });

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
  const messages = Array.from({ length: WARMUP + N }, (_, i) => {
    const { aggregateId, payload } = sample(i);
    const envelope = UserStream.codec.create({ eventId: randomUUID(), occurredAt: new Date().toISOString(), aggregateId, userRegistered: payload });
    return {
      key: aggregateId,
      value: frame(1, [0], UserStream.codec.encode(envelope).finish()),
      headers: cloudEventHeaders({ eventId: envelope.eventId, eventType: 'mart.users.v1.UserRegistered', module: 'users', aggregateId, occurredAt: new Date() }),
    };
  });
  const sendAll = async (from: number, to: number) => {
    for (let i = from; i < to; i += config.relay.batchSize) {
      const batch = messages.slice(i, Math.min(i + config.relay.batchSize, to));
      await producer.sendBatch({ acks: -1, topicMessages: [{ topic: ceilingTopic, messages: batch }] });
    }
  };
  await sendAll(0, WARMUP);
  const ceilingStart = performance.now();
  await sendAll(WARMUP, WARMUP + N);
  const ceilingRate = N / ((performance.now() - ceilingStart) / 1000);
  await producer.disconnect();

  // 2. Relay throughput: N events become visible at once (one commit), then a running, idle relay drains them.
  const relay = await startRelay(config, logger, { modules: ['users'] });
  const commitAtOnce = (count: number) =>
    db.transaction(async (trx) => {
      for (let i = 0; i < count; i += 1000) {
        await recordEvents(trx, UserStream, Array.from({ length: Math.min(1000, count - i) }, (_, j) => sample(i + j)));
      }
    });
  // The relay's own count, not a query: polling the outbox would load Postgres while the relay works.
  const publishedReaches = async (count: number) => {
    while (relay.publishers[0].publishedTotal < count) await sleep(2);
  };
  await commitAtOnce(WARMUP);
  await publishedReaches(WARMUP);
  await commitAtOnce(N);
  const drainStart = performance.now();
  await publishedReaches(WARMUP + N);
  const relayRate = N / ((performance.now() - drainStart) / 1000);

  // 3. Latency at a steady 1,000 events/s (10 events per transaction, 100 transactions per second), from the
  //    commit until the broker appended the event (the topic switched to LogAppendTime, so each record
  //    carries the broker's append time) and until a consumer of the topic received it.
  const latencyTopic = `${config.kafka.topicPrefix}${UserStream.topic}`;
  const topicAdmin = kafka.admin();
  await topicAdmin.connect();
  await topicAdmin.alterConfigs({
    validateOnly: false,
    resources: [{ type: ConfigResourceTypes.TOPIC, name: latencyTopic, configEntries: [{ name: 'message.timestamp.type', value: 'LogAppendTime' }] }],
  });
  await topicAdmin.disconnect();
  const appendedAt = new Map<string, number>();
  const receivedAt = new Map<string, number>();
  const consumer = kafka.consumer({ groupId: `${runId}.latency`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
  await consumer.subscribe({ topic: latencyTopic, fromBeginning: false });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const eventId = message.headers?.ce_id?.toString();
      if (!eventId) return;
      receivedAt.set(eventId, Date.now());
      appendedAt.set(eventId, Number(message.timestamp));
    },
  });
  await joined;
  await sleep(1000); // the first fetch is in place
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
  const deadline = Date.now() + 30_000;
  while ([...committedAt.keys()].some((id) => !receivedAt.has(id)) && Date.now() < deadline) await sleep(20);
  await consumer.disconnect();
  const received = [...committedAt].filter(([id]) => receivedAt.has(id));
  // The relay may publish before the writer's commit callback runs: such an event counts as 0 ms.
  const latenciesUntil = (at: Map<string, number>) =>
    received.map(([id, committed]) => Math.max(0, at.get(id)! - committed)).sort((a, b) => a - b);
  const appendLatencies = latenciesUntil(appendedAt);
  const consumerLatencies = latenciesUntil(receivedAt);

  await relay.stop();
  await db.destroy();

  const ratio = relayRate / ceilingRate;
  const p99 = percentile(appendLatencies, 99);
  const summary = (latencies: number[]) =>
    `p50 ${percentile(latencies, 50).toFixed(1)} ms   p99 ${percentile(latencies, 99).toFixed(1)} ms   max ${latencies[latencies.length - 1].toFixed(1)} ms`;
  console.log(`
relay benchmark (N=${N} after ${WARMUP} to warm up, batch ${config.relay.batchSize}, ${config.kafka.topicPartitions} partitions; relay: ${config.relay.producersPerOutbox} producers, ${config.relay.batchesInFlight} batches in flight)
  bare kafkajs producer (ceiling) ${ceilingRate.toFixed(0).padStart(8)} events/s
  outbox -> relay -> kafka        ${relayRate.toFixed(0).padStart(8)} events/s   (commit of ${N} to empty backlog)
  ratio relay / ceiling           ${ratio.toFixed(2).padStart(8)}            target >= 0.80  ${ratio >= 0.8 ? 'met' : 'MISSED'}
  latency at ${RATE} events/s over ${LATENCY_SECONDS}s (${received.length} of ${committedAt.size} events received)
    commit -> appended in Kafka      ${summary(appendLatencies)}   target p99 < 50 ms  ${p99 < 50 ? 'met' : 'MISSED'}
    commit -> received by a consumer ${summary(consumerLatencies)}
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
