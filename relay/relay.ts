import type { ISocketFactory } from 'kafkajs';
import pg from 'pg';
import { allStreams } from '../proto/streams';
import { moduleNames, type ModuleName } from '../src/module-names';
import type { Config } from '../src/config/config';
import type { Logger } from '../src/logging/logger';
import { CURRENT_ROLE_SQL, refuseSuperuserAtRuntime } from '../src/db/runtime-role';
import { Outages } from '../src/health/outages';
import { createKafka, ensureTopics } from '../src/messaging/kafka';
import { kafkaPrincipals, saslFor } from '../src/messaging/kafka-principals';
import { registryWriter, StreamSchemas } from '../src/messaging/schema-registry';
import { closeServer, listen } from '../src/http/server-lifecycle';
import { TopicNames } from '../src/messaging/topic-names';
import { runShutdownSteps } from '../src/shutdown';
import { OutboxPublisher } from './outbox-publisher';
import { RelayMetrics } from './relay-metrics';
import { SchemaIds } from './schema-ids';

export interface RunningRelay {
  publishers: OutboxPublisher[];
  /** Where GET /metrics (Prometheus) and GET /health/live answer. */
  metricsPort: number;
  /** Resolves with the names of shutdown steps that did not finish in time (empty when all did). */
  stop(): Promise<string[]>;
}

/** Starts one publisher per module outbox; each becomes active only while it holds that outbox's lock. */
export async function startRelay(
  config: Config,
  logger: Logger,
  options: { modules?: readonly ModuleName[]; socketFactory?: ISocketFactory } = {},
): Promise<RunningRelay> {
  const kafka = createKafka({
    brokers: config.kafka.brokers,
    clientId: `${config.kafka.clientId}-relay`,
    logger,
    sasl: saslFor(config.kafka.credentials, kafkaPrincipals.relay),
    socketFactory: options.socketFactory,
  });
  const admin = kafka.admin();
  await admin.connect();
  const topicNames = new TopicNames(config.kafka.topicPrefix);
  await ensureTopics(admin, topicNames, allStreams, config.kafka.topicPartitions);
  await admin.disconnect();

  const modules = options.modules ?? moduleNames;
  const outages = new Outages(logger);
  // One pool per database: each module's outbox is read where the module keeps it (one database for all by default).
  const pools = new Map<string, pg.Pool>();
  const poolFor = (module: ModuleName): pg.Pool => {
    const url = config.database.relayUrls[module];
    let pool = pools.get(url);
    if (!pool) {
      pool = new pg.Pool({
        connectionString: url,
        max: modules.filter((m) => config.database.relayUrls[m] === url).length * 2,
        application_name: 'mart-relay',
        connectionTimeoutMillis: 10_000,
        // The relay's own writes only record progress: losing the last ones in a crash means sending those rows
        // again, which consumers' inboxes absorb. So they need not wait for the WAL flush.
        options: '-c synchronous_commit=off',
      });
      // An idle client's socket closing (a database restart) is an 'error' event on the pool: without a listener it
      // would end the process. The next query finds the database away and the publishers retry with backoff.
      pool.on('error', (error) => outages.failed(error));
      pools.set(url, pool);
    }
    return pool;
  };
  for (const module of modules) poolFor(module);
  await Promise.all(
    [...pools.values()].map((pool) =>
      refuseSuperuserAtRuntime('the relay', async () => (await pool.query(CURRENT_ROLE_SQL)).rows[0], { production: config.env === 'production', logger }),
    ),
  );
  const metrics = new RelayMetrics();
  const metricsServer = metrics.createServer();
  const metricsPort = await listen(metricsServer, config.relay.metricsPort, 'relay metrics', config.metricsHost);
  const schemaIds = new SchemaIds(new StreamSchemas(config.schemaRegistryUrl, topicNames, registryWriter(config)));
  const publishers = modules.map(
    (module) =>
      new OutboxPublisher({
        module,
        databaseUrl: config.database.relayUrls[module],
        pool: poolFor(module),
        kafka,
        topicNames,
        schemaIds,
        logger,
        batchSize: config.relay.batchSize,
        lingerMs: config.relay.lingerMs,
        producers: config.relay.producersPerOutbox,
        batchesInFlight: config.relay.batchesInFlight,
        lockRetryMs: config.relay.lockRetryMs,
        retentionHours: config.relay.retentionHours,
        cleanupIntervalMs: config.relay.cleanupIntervalMs,
        statsIntervalMs: config.relay.statsIntervalMs,
        observer: metrics,
        outages,
      }),
  );
  const running = publishers.map((p) => p.run());
  logger.info({ outboxes: modules, metricsPort }, 'relay started');

  let stopping: Promise<string[]> | undefined;
  return {
    publishers,
    metricsPort,
    stop: () => {
      stopping ??= runShutdownSteps(logger, [
        { name: 'outbox publishers', stop: () => Promise.all(publishers.map((p) => p.stop())).then(() => Promise.all(running)) },
        { name: 'relay database pools', stop: () => Promise.all([...pools.values()].map((pool) => pool.end())) },
        { name: 'metrics server', stop: () => closeServer(metricsServer) },
      ]);
      return stopping;
    },
  };
}
