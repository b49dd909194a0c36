import { z } from 'zod';
import { MAX_ACCESS_TOKEN_TTL_SECONDS } from '../auth/access-tokens';
import { readKafkaCredentials, type KafkaCredentials } from '../messaging/kafka-principals';
import { keyBytes } from '../crypto/sealed-secrets';
import { moduleNames, type ModuleName } from '../module-names';

const environment = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  MART_ROLE: z.enum(['all', 'api', 'worker']).default('all'),
  MART_MODULES: z
    .string()
    .default(moduleNames.join(','))
    .transform((list) => list.split(',').map((name) => name.trim()).filter(Boolean))
    .refine((names) => names.length > 0 && names.every((name) => (moduleNames as readonly string[]).includes(name)), {
      message: `must name one or more of ${moduleNames.join(', ')}, separated by commas`,
    })
    .refine((names) => new Set(names).size === names.length, { message: 'names a module twice' }),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // Successful requests are logged at this level (debug: out of sight at LOG_LEVEL=info, as npm run up does).
  REQUEST_LOG_LEVEL: z.enum(['info', 'debug']).default('info'),
  LOG_FORMAT: z.enum(['json', 'pretty']).default('json'),
  // The owner: migrations run as it. Runtime connections use the per-module and relay URLs below.
  DATABASE_URL: z.string().url().default('postgres://postgres@127.0.0.1:5432/mart'),
  ...Object.fromEntries(moduleNames.map((module) => [runtimeUrlVariable(module), z.string().url().optional()])),
  ...Object.fromEntries(moduleNames.map((module) => [ownerUrlVariable(module), z.string().url().optional()])),
  DATABASE_URL_RELAY: z.string().url().optional(),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).default(5),
  DATABASE_ACQUIRE_TIMEOUT_MS: z.coerce.number().int().min(50).max(120_000).default(10_000),
  KAFKA_BROKERS: z.string().min(1).default('localhost:9092'),
  KAFKA_CLIENT_ID: z.string().min(1).default('mart'),
  // The principals' passwords (scripts/infra.sh and compose write the file); unset = a broker without authentication.
  KAFKA_CREDENTIALS_FILE: z.string().min(1).optional(),
  KAFKA_CONSUMER_GROUP_PREFIX: z.string().min(1).default('mart'),
  KAFKA_TOPIC_PREFIX: z.string().regex(/^[A-Za-z0-9._-]*$/).default(''),
  KAFKA_TOPIC_PARTITIONS: z.coerce.number().int().min(1).default(3),
  SCHEMA_REGISTRY_URL: z.string().url().default('http://localhost:8081'),
  // No default in any environment: a value in the repository would be a key anyone can sign admin tokens with.
  JWT_SECRET: z
    .string()
    .min(32, 'must be at least 32 characters (scripts/up.sh generates one)')
    .refine(looksRandom, 'looks low-entropy (repeated or few distinct characters): use e.g. `openssl rand -hex 32`')
    .optional(),
  // Seals personal data and account tokens inside events (a per-user key, itself sealed under this one), so only
  // Mart's own processes read them on Kafka; 32 random bytes in base64 or hex. Required in production; scripts/up.sh
  // makes one for a local run; unset elsewhere, a key of this process's own (one process only).
  PERSONAL_DATA_KEY: z
    .string()
    .transform((value) => keyBytes(value))
    .refine((key) => key.length === 32, 'must be 32 bytes in base64 or hex, e.g. `openssl rand -base64 32`')
    .optional(),
  // Where this deployment's API answers from inside it (a module composing other modules' answers calls it, e.g.
  // the personal-data export): unset, this process itself on loopback; the gateway when modules run split.
  MART_API_URL: z.string().url().optional(),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().positive().max(MAX_ACCESS_TOKEN_TTL_SECONDS).default(900),
  // How long an answer to "does this session still hold" is reused: revocation takes effect within it.
  ACCESS_GRANT_CACHE_MS: z.coerce.number().int().min(0).max(1000).default(500),
  // Which proxies may set X-Forwarded-For (Express's `trust proxy`): none unless configured.
  TRUST_PROXY: z.string().regex(/^(false|\d+|[A-Za-z0-9.:/]+(\s*,\s*[A-Za-z0-9.:/]+)*)$/).default('false'),
  CONSUMER_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(5),
  CONSUMER_RETRY_BASE_MS: z.coerce.number().int().min(1).default(200),
  RELAY_BATCH_SIZE: z.coerce.number().int().min(1).max(10000).default(500),
  RELAY_LINGER_MS: z.coerce.number().int().min(0).max(1000).default(5),
  RELAY_PRODUCERS_PER_OUTBOX: z.coerce.number().int().min(1).max(16).default(3),
  RELAY_BATCHES_IN_FLIGHT: z.coerce.number().int().min(1).max(16).default(3),
  RELAY_LOCK_RETRY_MS: z.coerce.number().int().min(50).default(1000),
  RELAY_RETENTION_HOURS: z.coerce.number().min(0).default(24 * 7),
  RELAY_CLEANUP_INTERVAL_MS: z.coerce.number().int().min(10).default(60_000),
  RELAY_STATS_INTERVAL_MS: z.coerce.number().int().min(100).default(10_000),
  RELAY_METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9464),
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9463),
  // Where the API's and the relay's metrics listen: loopback unless a scraper elsewhere must reach them.
  METRICS_HOST: z.string().regex(/^[A-Za-z0-9.:-]+$/).default('127.0.0.1'),
});

export type Config = Readonly<{
  env: 'development' | 'test' | 'production';
  port: number;
  /**
   * What this process runs: `all` (HTTP, consumers and background work), `api` (HTTP only) or `worker` (consumers and
   * background work, no public port). Several processes of one deployable split the work this way.
   */
  role: 'all' | 'api' | 'worker';
  /** The modules this process serves (MART_MODULES; all six by default): their routes, consumers and background work. */
  modules: readonly ModuleName[];
  /** The variables set for the process: each module reads its own settings from them (src/config/module-settings.ts). */
  environment: Readonly<Record<string, string>>;
  /** The API's Prometheus endpoint, apart from the public port. */
  metricsPort: number;
  /** The address the API's and the relay's metrics listen on. */
  metricsHost: string;
  logLevel: string;
  requestLogLevel: 'info' | 'debug';
  /** JSON lines, or readable lines for a terminal (needs the pino-pretty development dependency). */
  logFormat: 'json' | 'pretty';
  database: {
    /** The owner's URL: migrations, and the roles below are made from it. */
    url: string;
    /**
     * Each module's own login role on its own database (DATABASE_URL_<MODULE>); DATABASE_URL when not set. The
     * database it names is the module's: its schema, migrations and outbox live there and nowhere else.
     */
    moduleUrls: Readonly<Record<ModuleName, string>>;
    /**
     * Where each module's migrations run, as the owner: DATABASE_OWNER_URL_<MODULE>, else DATABASE_URL's credentials
     * on the module's database.
     */
    ownerUrls: Readonly<Record<ModuleName, string>>;
    /** The relay's role (DATABASE_URL_RELAY): reads and dequeues the outboxes only. */
    relayUrl: string;
    /** The relay's role on each module's database, where it reads that module's outbox. */
    relayUrls: Readonly<Record<ModuleName, string>>;
    poolMax: number;
    acquireTimeoutMs: number;
  };
  kafka: {
    brokers: string[];
    clientId: string;
    consumerGroupPrefix: string;
    topicPrefix: string;
    topicPartitions: number;
    credentials?: KafkaCredentials;
  };
  schemaRegistryUrl: string;
  /** What the kernel checks of access tokens; the users module reads its own settings (sessions, sign-in limits). */
  auth: {
    jwtSecret: string;
    accessTokenTtlSeconds: number;
    accessGrantCacheMs: number;
  };
  /** The key personal data and account tokens in events are sealed under; unset outside production. */
  personalDataKey: Buffer | undefined;
  /** MART_API_URL: the deployment's API as seen from inside it; unset, this process. */
  apiUrl: string | undefined;
  /** Express `trust proxy`: false, a hop count, or addresses/subnets/presets of the proxies in front. */
  trustProxy: false | number | string;
  consumers: { maxAttempts: number; retryBaseMs: number };
  relay: {
    batchSize: number;
    lingerMs: number;
    producersPerOutbox: number;
    batchesInFlight: number;
    lockRetryMs: number;
    retentionHours: number;
    cleanupIntervalMs: number;
    statsIntervalMs: number;
    metricsPort: number;
  };
}>;

export class ConfigError extends Error {}

/**
 * A rough guard against a made-up secret: at least 8 distinct characters and about 128 bits if each character were
 * drawn at random from those seen. A random hex or base64 secret of 32+ characters passes; 'x' * 48 does not.
 */
function looksRandom(secret: string): boolean {
  const distinct = new Set(secret).size;
  return distinct >= 8 && secret.length * Math.log2(distinct) >= 128;
}

/** DATABASE_URL_ORDERS and so on: the URL a module's pool signs in with, on the module's database. */
export function runtimeUrlVariable(module: ModuleName): string {
  return `DATABASE_URL_${module.toUpperCase()}`;
}

/** DATABASE_OWNER_URL_ORDERS and so on: who runs a module's migrations on its database, when not DATABASE_URL's owner. */
export function ownerUrlVariable(module: ModuleName): string {
  return `DATABASE_OWNER_URL_${module.toUpperCase()}`;
}

/** `credentials`' user and password at `location`'s server and database. */
function signedInAs(credentials: string, location: string): string {
  const url = new URL(location);
  const from = new URL(credentials);
  url.username = from.username;
  url.password = from.password;
  return url.toString();
}

export interface LoadOptions {
  /**
   * False for processes that sign and verify no tokens (the relay, migrate, seed, admin:create): they may run
   * without JWT_SECRET. The API always needs it.
   */
  requireJwtSecret?: boolean;
}

/** Reads and validates the environment once; a bad value stops the process with a message naming it. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env, options: LoadOptions = {}): Config {
  // An empty variable (e.g. `JWT_SECRET: ${JWT_SECRET:-}` in compose) means "not set".
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== '')) as Record<string, string>;
  const parsed = environment.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const e = parsed.data;
  if (e.JWT_SECRET === undefined && options.requireJwtSecret !== false) {
    throw new ConfigError('Invalid configuration:\n  JWT_SECRET: required (a random value of at least 32 characters; scripts/up.sh generates one)');
  }
  if (e.NODE_ENV === 'production') refuseInsecureProductionSettings(e);
  const variable = (name: string) => (e as Record<string, unknown>)[name] as string | undefined;
  const perModule = (value: (module: ModuleName) => string) => Object.fromEntries(moduleNames.map((module) => [module, value(module)])) as Record<ModuleName, string>;
  const moduleUrls = perModule((module) => variable(runtimeUrlVariable(module)) ?? e.DATABASE_URL);
  const relayUrl = e.DATABASE_URL_RELAY ?? e.DATABASE_URL;
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    role: e.MART_ROLE,
    modules: moduleNames.filter((name) => e.MART_MODULES.includes(name)),
    environment: present,
    metricsPort: e.METRICS_PORT,
    metricsHost: e.METRICS_HOST,
    logLevel: e.LOG_LEVEL,
    requestLogLevel: e.REQUEST_LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
    database: {
      url: e.DATABASE_URL,
      moduleUrls,
      ownerUrls: perModule((module) => variable(ownerUrlVariable(module)) ?? signedInAs(e.DATABASE_URL, moduleUrls[module])),
      relayUrl,
      relayUrls: perModule((module) => signedInAs(relayUrl, moduleUrls[module])),
      poolMax: e.DATABASE_POOL_MAX,
      acquireTimeoutMs: e.DATABASE_ACQUIRE_TIMEOUT_MS,
    },
    kafka: {
      brokers: e.KAFKA_BROKERS.split(',').map((b) => b.trim()).filter(Boolean),
      clientId: e.KAFKA_CLIENT_ID,
      consumerGroupPrefix: e.KAFKA_CONSUMER_GROUP_PREFIX,
      topicPrefix: e.KAFKA_TOPIC_PREFIX,
      topicPartitions: e.KAFKA_TOPIC_PARTITIONS,
      ...(e.KAFKA_CREDENTIALS_FILE ? { credentials: kafkaCredentials(e.KAFKA_CREDENTIALS_FILE) } : {}),
    },
    schemaRegistryUrl: e.SCHEMA_REGISTRY_URL.replace(/\/+$/, ''),
    auth: {
      jwtSecret: e.JWT_SECRET ?? '',
      accessTokenTtlSeconds: e.ACCESS_TOKEN_TTL_SECONDS,
      accessGrantCacheMs: e.ACCESS_GRANT_CACHE_MS,
    },
    personalDataKey: e.PERSONAL_DATA_KEY,
    apiUrl: e.MART_API_URL?.replace(/\/+$/, ''),
    trustProxy: e.TRUST_PROXY === 'false' ? false : /^\d+$/.test(e.TRUST_PROXY) ? Number(e.TRUST_PROXY) : e.TRUST_PROXY,
    consumers: { maxAttempts: e.CONSUMER_MAX_ATTEMPTS, retryBaseMs: e.CONSUMER_RETRY_BASE_MS },
    relay: {
      batchSize: e.RELAY_BATCH_SIZE,
      lingerMs: e.RELAY_LINGER_MS,
      producersPerOutbox: e.RELAY_PRODUCERS_PER_OUTBOX,
      batchesInFlight: e.RELAY_BATCHES_IN_FLIGHT,
      lockRetryMs: e.RELAY_LOCK_RETRY_MS,
      retentionHours: e.RELAY_RETENTION_HOURS,
      cleanupIntervalMs: e.RELAY_CLEANUP_INTERVAL_MS,
      statsIntervalMs: e.RELAY_STATS_INTERVAL_MS,
      metricsPort: e.RELAY_METRICS_PORT,
    },
  };
}

function kafkaCredentials(file: string): KafkaCredentials {
  try {
    return readKafkaCredentials(file);
  } catch (error) {
    throw new ConfigError(`Invalid configuration:\n  KAFKA_CREDENTIALS_FILE: ${(error as Error).message}`);
  }
}

function refuseInsecureProductionSettings(e: z.infer<typeof environment>): void {
  const problems: string[] = [];
  if (!e.KAFKA_CREDENTIALS_FILE) problems.push('Kafka without credentials is refused (set KAFKA_CREDENTIALS_FILE)');
  if (!e.PERSONAL_DATA_KEY) problems.push('PERSONAL_DATA_KEY: required (32 random bytes, e.g. `openssl rand -base64 32`)');
  if (problems.length > 0) {
    throw new ConfigError(`Refusing to start in production:\n  ${problems.join('\n  ')}`);
  }
}
