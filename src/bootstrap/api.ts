import { createServer, type Server } from 'node:http';
import type { Admin, Kafka } from 'kafkajs';
import type { Knex } from 'knex';
import { moduleNames, type ModuleName } from '../module-names';
import { CachedAccessGrants } from '../auth/access-grants';
import { AccessTokens } from '../auth/access-tokens';
import type { Config } from '../config/config';
import { createModuleDatabase } from '../db/database';
import { CURRENT_ROLE_SQL, refuseSuperuserAtRuntime } from '../db/runtime-role';
import { HealthController } from '../health/health.controller';
import type { HealthChecks } from '../health/health-checks';
import { Outages } from '../health/outages';
import { buildAsyncApi } from '../messaging/asyncapi';
import { packageVersion } from '../project-root';
import { createHttpApp } from '../http/app';
import { createMetrics } from '../http/metrics';
import { createMetricsServer } from '../http/metrics-server';
import { closeServer, listen } from '../http/server-lifecycle';
import type { Logger } from '../logging/logger';
import { createKafka } from '../messaging/kafka';
import { kafkaPrincipals, saslFor } from '../messaging/kafka-principals';
import { ConsumerMetrics } from '../messaging/consumer-metrics';
import { ModuleConsumer } from '../messaging/module-consumer';
import { StreamSchemas } from '../messaging/schema-registry';
import { TopicNames } from '../messaging/topic-names';
import type { MartModule } from '../module';
import { runShutdownSteps } from '../shutdown';
import { moduleFactories } from './module-catalog';

export interface RunningApi {
  server: Server;
  port: number;
  /** Where GET /metrics (Prometheus) answers: not the public port. */
  metricsPort: number;
  modules: MartModule[];
  databases: Map<string, Knex>;
  /** Resolves with the names of shutdown steps that did not finish in time (empty when all did). */
  stop(): Promise<string[]>;
}

/** Builds the API process: one pool per module schema, the HTTP app, and each module's consumer group. */
export async function startApi(config: Config, logger: Logger, options: { startConsumers?: boolean } = {}): Promise<RunningApi> {
  // Each module signs in to Kafka as its own principal; the process's health check as its first module's.
  const kafkaOf = (module: ModuleName): Kafka =>
    createKafka({
      brokers: config.kafka.brokers,
      clientId: `${config.kafka.clientId}-${module}`,
      logger,
      sasl: saslFor(config.kafka.credentials, kafkaPrincipals.module(module)),
    });
  const admin: Admin = kafkaOf(moduleNames[0]).admin();
  await admin.connect();
  const topicNames = new TopicNames(config.kafka.topicPrefix);
  const schemas = new StreamSchemas(config.schemaRegistryUrl, topicNames);
  const accessTokens = new AccessTokens(config.auth.jwtSecret, config.auth.accessTokenTtlSeconds);

  const outages = new Outages(logger);
  const databases = new Map<string, Knex>();
  const modules: MartModule[] = [];
  for (const name of moduleNames) {
    const db = createModuleDatabase({
      url: config.database.moduleUrls[name],
      schema: name,
      poolMax: config.database.poolMax,
      acquireTimeoutMs: config.database.acquireTimeoutMs,
      logger,
    });
    databases.set(name, db);
    modules.push(moduleFactories[name]({ config, logger: logger.child({ module: name }), db, accessTokens, outages }));
  }

  // One check per distinct sign-in, all at once: modules sharing a URL share a role.
  const urlOf = (name: ModuleName) => config.database.moduleUrls[name];
  const firstOfEachUrl = moduleNames.filter((name, i) => moduleNames.findIndex((other) => urlOf(other) === urlOf(name)) === i);
  await Promise.all(
    firstOfEachUrl.map((name) =>
      refuseSuperuserAtRuntime(`the ${name} module`, async () => (await databases.get(name)!.raw(CURRENT_ROLE_SQL)).rows[0], {
        production: config.env === 'production',
        logger,
      }),
    ),
  );

  const anyDb = databases.get('users')!;
  const checks: HealthChecks = {
    postgres: async () => {
      await anyDb.raw('select 1');
    },
    kafka: async () => {
      await admin.describeCluster();
    },
    schemaRegistry: () => schemas.ping(),
  };
  const grantSources = modules.flatMap((m) => (m.accessGrants ? [m.accessGrants] : []));
  if (grantSources.length !== 1) throw new Error(`exactly one module must answer for access grants, ${grantSources.length} do`);
  const metrics = createMetrics();
  const asyncApi = buildAsyncApi({
    version: packageVersion(),
    modules: modules.map((m) => ({ name: m.name, groupId: `${config.kafka.consumerGroupPrefix}.${m.name}`, handlers: m.handlers })),
    partitions: config.kafka.topicPartitions,
    brokers: config.kafka.brokers,
    registryUrl: config.schemaRegistryUrl,
  });
  const app = createHttpApp({
    asyncApi,
    accessGrants: new CachedAccessGrants(grantSources[0], config.auth.accessGrantCacheMs),
    logger,
    metrics: metrics.middleware,
    trustProxy: config.trustProxy,
    requestLogLevel: config.requestLogLevel,
    accessTokens,
    controllers: [new HealthController(checks, logger), ...modules.flatMap((m) => m.controllers)],
  });

  const consumers: ModuleConsumer[] = [];
  const consumerMetrics = new ConsumerMetrics(metrics.registry);
  // A worker (or the whole of `all`) runs the consumers and the modules' background work; an `api` process serves HTTP only.
  const runsWork = config.role !== 'api';
  if (runsWork && (options.startConsumers ?? true)) {
    for (const module of modules) {
      if (module.handlers.length === 0) continue;
      const consumer = new ModuleConsumer({
        kafka: kafkaOf(module.name),
        db: databases.get(module.name)!,
        groupId: `${config.kafka.consumerGroupPrefix}.${module.name}`,
        topicNames,
        handlers: module.handlers,
        logger,
        maxAttempts: config.consumers.maxAttempts,
        retryBaseMs: config.consumers.retryBaseMs,
        partitionsConsumedConcurrently: module.partitionsConsumedConcurrently,
        lockBatch: module.lockBatch,
        metrics: consumerMetrics,
        outages,
      });
      await consumer.start();
      consumers.push(consumer);
    }
  }
  if (runsWork) for (const module of modules) await module.start?.();

  const server = createServer(app);
  // A worker has no public port: its liveness and metrics are on the metrics port.
  const port = config.role === 'worker' ? 0 : await listen(server, config.port, 'the API');
  const metricsServer = createMetricsServer(metrics.registry);
  const metricsPort = await listen(metricsServer, config.metricsPort, 'the API metrics', config.metricsHost);
  logger.info({ role: config.role, port, metricsPort }, config.role === 'worker' ? 'worker running' : 'api listening');

  let stopping: Promise<string[]> | undefined;
  const stop = () => {
    stopping ??= runShutdownSteps(logger, [
      { name: 'http server', stop: () => closeServer(server) },
      { name: 'metrics server', stop: () => closeServer(metricsServer) },
      { name: 'module background work', stop: () => Promise.all(runsWork ? modules.map((m) => m.stop?.()) : []) },
      { name: 'module consumers', stop: () => Promise.all(consumers.map((c) => c.stop())) },
      { name: 'kafka admin', stop: () => admin.disconnect() },
      { name: 'database pools', stop: () => Promise.all([...databases.values()].map((db) => db.destroy())) },
    ]);
    return stopping;
  };
  return { server, port, metricsPort, modules, databases, stop };
}
