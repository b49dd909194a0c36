import { createServer, type Server } from 'node:http';
import type { Admin, Kafka } from 'kafkajs';
import type { Knex } from 'knex';
import type { ModuleName } from '../src/module-names';
import { CachedAccessGrants, type AccessGrants } from '../src/auth/access-grants';
import { AccessGrantsFromEvents } from '../src/auth/access-grants-from-events';
import { AccessTokens } from '../src/auth/access-tokens';
import type { Config } from '../src/config/config';
import { createModuleDatabase } from '../src/db/database';
import { CURRENT_ROLE_SQL, refuseSuperuserAtRuntime } from '../src/db/runtime-role';
import { HealthController } from '../src/health/health.controller';
import type { HealthChecks } from '../src/health/health-checks';
import { Outages } from '../src/health/outages';
import { buildAsyncApi } from '../src/messaging/asyncapi';
import { packageVersion } from '../src/project-root';
import { createHttpApp } from '../src/http/app';
import { RegisterRoutes as registerKernelRoutes } from '../src/http/generated/routes';
import { createMetrics } from '../src/http/metrics';
import { createMetricsServer } from '../src/http/metrics-server';
import { closeServer, listen } from '../src/http/server-lifecycle';
import type { Logger } from '../src/logging/logger';
import { AccessGrantFeed } from '../src/messaging/access-grant-feed';
import { createKafka } from '../src/messaging/kafka';
import { KafkaEventArchive } from '../src/messaging/event-archive';
import { accessGroupPrefix, replayGroupPrefix } from '../src/messaging/kafka-access';
import { kafkaPrincipals, saslFor } from '../src/messaging/kafka-principals';
import { ConsumerMetrics } from '../src/messaging/consumer-metrics';
import { handlersByGroup, SIDE_GROUP_CHECK_MS, SIDE_GROUP_FETCH } from '../src/messaging/consumer-groups';
import { OnDemandConsumer } from '../src/messaging/on-demand-consumer';
import { ModuleConsumer } from '../src/messaging/module-consumer';
import { StreamSchemas } from '../src/messaging/schema-registry';
import { TopicNames } from '../src/messaging/topic-names';
import type { MartModule } from '../src/module';
import { runShutdownSteps } from '../src/shutdown';
import { moduleFactories } from './module-catalog';
import { describeModules } from './module-subscriptions';

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

/**
 * Builds a process serving the modules config.modules names (MART_MODULES; all six by default): one pool per module,
 * on its own database URL, the HTTP app with those modules' routes, and their consumer groups and background work.
 */
export async function startApi(config: Config, logger: Logger, options: { startConsumers?: boolean } = {}): Promise<RunningApi> {
  // Each module signs in to Kafka as its own principal; the process's health check as its first module's.
  const kafkaOf = (module: ModuleName): Kafka =>
    createKafka({
      brokers: config.kafka.brokers,
      clientId: `${config.kafka.clientId}-${module}`,
      logger,
      sasl: saslFor(config.kafka.credentials, kafkaPrincipals.module(module)),
    });
  const served = config.modules;
  const admin: Admin = kafkaOf(served[0]).admin();
  await admin.connect();
  const topicNames = new TopicNames(config.kafka.topicPrefix);
  const schemas = new StreamSchemas(config.schemaRegistryUrl, topicNames);
  const accessTokens = new AccessTokens(config.auth.jwtSecret, config.auth.accessTokenTtlSeconds);

  const outages = new Outages(logger);
  const listening: { port?: number } = {};
  const apiUrl = () => {
    if (config.apiUrl) return config.apiUrl;
    if (!listening.port) throw new Error('this process serves no API: set MART_API_URL');
    return `http://127.0.0.1:${listening.port}`;
  };
  const databases = new Map<string, Knex>();
  const modules: MartModule[] = [];
  for (const name of served) {
    const db = createModuleDatabase({
      url: config.database.moduleUrls[name],
      schema: name,
      poolMax: config.database.poolMax,
      acquireTimeoutMs: config.database.acquireTimeoutMs,
      logger,
    });
    databases.set(name, db);
    const eventArchive = new KafkaEventArchive({
      kafka: kafkaOf(name),
      topicNames,
      groupPrefix: replayGroupPrefix(config.kafka.consumerGroupPrefix, name),
      logger,
    });
    modules.push(moduleFactories[name]({ config, logger: logger.child({ module: name }), db, accessTokens, outages, eventArchive, apiUrl }));
  }

  // One check per distinct sign-in, all at once: modules sharing a URL share a role.
  const urlOf = (name: ModuleName) => config.database.moduleUrls[name];
  const firstOfEachUrl = served.filter((name, i) => served.findIndex((other) => urlOf(other) === urlOf(name)) === i);
  await Promise.all(
    firstOfEachUrl.map((name) =>
      refuseSuperuserAtRuntime(`the ${name} module`, async () => (await databases.get(name)!.raw(CURRENT_ROLE_SQL)).rows[0], {
        production: config.env === 'production',
        logger,
      }),
    ),
  );

  const checks: HealthChecks = {
    // Every database this process signs in to, and no other.
    postgres: async () => {
      await Promise.all(firstOfEachUrl.map((name) => databases.get(name)!.raw('select 1')));
    },
    kafka: async () => {
      await admin.describeCluster();
    },
    schemaRegistry: () => schemas.ping(),
  };
  const grantSources = modules.flatMap((m) => (m.accessGrants ? [m.accessGrants] : []));
  if (grantSources.length > 1) throw new Error(`at most one module may answer for access grants, ${grantSources.length} do`);
  let accessGrants: AccessGrants;
  let grantFeed: AccessGrantFeed | undefined;
  if (grantSources.length === 1) {
    accessGrants = new CachedAccessGrants(grantSources[0], config.auth.accessGrantCacheMs);
  } else {
    // Without the users module here, what it says about sessions and roles arrives as its events.
    const fromEvents = new AccessGrantsFromEvents(tokenLifetimeMs(config));
    grantFeed = new AccessGrantFeed({
      kafka: kafkaOf(served[0]),
      admin,
      topicNames,
      groupPrefix: accessGroupPrefix(config.kafka.consumerGroupPrefix, served[0]),
      grants: fromEvents,
      lookBackMs: tokenLifetimeMs(config),
      logger,
    });
    await grantFeed.start();
    accessGrants = fromEvents;
  }
  const metrics = createMetrics();
  // The document describes every consumer group of the deployment, whichever of them this process runs.
  const asyncApi = buildAsyncApi({
    version: packageVersion(),
    modules: (await describeModules(config, logger)).flatMap((m) =>
      handlersByGroup(config.kafka.consumerGroupPrefix, m.name, m.handlers).map((group) => ({ name: m.name, ...group })),
    ),
    partitions: config.kafka.topicPartitions,
    brokers: config.kafka.brokers,
    registryUrl: config.schemaRegistryUrl,
  });
  const app = createHttpApp({
    asyncApi,
    accessGrants,
    logger,
    metrics: metrics.middleware,
    trustProxy: config.trustProxy,
    requestLogLevel: config.requestLogLevel,
    accessTokens,
    controllers: [new HealthController(checks, logger), ...modules.flatMap((m) => m.controllers)],
    routes: [registerKernelRoutes, ...modules.map((m) => m.routes)],
  });

  const consumers: Array<Pick<ModuleConsumer, 'stop'>> = [];
  const consumerMetrics = new ConsumerMetrics(metrics.registry);
  // A worker (or the whole of `all`) runs the consumers and the modules' background work; an `api` process serves HTTP only.
  const runsWork = config.role !== 'api';
  if (runsWork && (options.startConsumers ?? true)) {
    for (const module of modules) {
      for (const { groupId, sideGroup, handlers } of handlersByGroup(config.kafka.consumerGroupPrefix, module.name, module.handlers)) {
        const create = () =>
          new ModuleConsumer({
            kafka: kafkaOf(module.name),
            db: databases.get(module.name)!,
            groupId,
            topicNames,
            handlers,
            logger,
            maxAttempts: config.consumers.maxAttempts,
            retryBaseMs: config.consumers.retryBaseMs,
            partitionsConsumedConcurrently: module.partitionsConsumedConcurrently,
            lockBatch: module.lockBatch,
            fetch: sideGroup ? SIDE_GROUP_FETCH : undefined,
            metrics: consumerMetrics,
            outages,
          });
        const wanted = module.sideGroupWanted;
        if (sideGroup && wanted) {
          const onDemand = new OnDemandConsumer({ name: groupId, create, wanted: () => wanted(sideGroup), checkEveryMs: SIDE_GROUP_CHECK_MS, logger, outages });
          onDemand.start();
          consumers.push(onDemand);
        } else {
          const consumer = create();
          await consumer.start();
          consumers.push(consumer);
        }
      }
    }
  }
  if (runsWork) for (const module of modules) await module.start?.();

  const server = createServer(app);
  // A worker has no public port: its liveness and metrics are on the metrics port.
  const port = config.role === 'worker' ? 0 : await listen(server, config.port, 'the API');
  if (port) listening.port = port;
  const metricsServer = createMetricsServer(metrics.registry);
  const metricsPort = await listen(metricsServer, config.metricsPort, 'the API metrics', config.metricsHost);
  logger.info({ role: config.role, modules: served, port, metricsPort }, config.role === 'worker' ? 'worker running' : 'api listening');

  let stopping: Promise<string[]> | undefined;
  const stop = () => {
    stopping ??= runShutdownSteps(logger, [
      { name: 'http server', stop: () => closeServer(server) },
      { name: 'metrics server', stop: () => closeServer(metricsServer) },
      { name: 'module background work', stop: () => Promise.all(runsWork ? modules.map((m) => m.stop?.()) : []) },
      { name: 'module consumers', stop: () => Promise.all(consumers.map((c) => c.stop())) },
      { name: 'access grant feed', stop: () => grantFeed?.stop() ?? Promise.resolve() },
      { name: 'kafka admin', stop: () => admin.disconnect() },
      { name: 'database pools', stop: () => Promise.all([...databases.values()].map((db) => db.destroy())) },
    ]);
    return stopping;
  };
  return { server, port, metricsPort, modules, databases, stop };
}

/** How long an access token can live (the configured lifetime, and a minute for clocks that disagree). */
function tokenLifetimeMs(config: Config): number {
  return (config.auth.accessTokenTtlSeconds + 60) * 1000;
}
