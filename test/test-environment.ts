import { randomBytes } from 'node:crypto';
import { useLocalKafkaCredentials } from './kafka-operator';
import { localPostgresUrl, useLocalRuntimeRoles } from './local-postgres';

/**
 * Each test run gets its own database, topic prefix and consumer groups on the shared local Postgres and
 * Kafka, so that parallel runs (or a running dev stack) never see each other's rows or events.
 * Values already in the environment win, so a child process inherits its parent's run.
 */
export function useIsolatedTestEnvironment(): void {
  const runId = process.env.MART_TEST_RUN_ID ?? `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  process.env.MART_TEST_RUN_ID = runId;
  process.env.NODE_ENV ??= 'test';
  // A secret of this run's own: no fixed value in the repository can sign tokens a test stack accepts.
  process.env.JWT_SECRET ??= randomBytes(32).toString('hex');
  process.env.WEBHOOK_SECRETS_KEY ??= randomBytes(32).toString('base64');
  process.env.PERSONAL_DATA_KEY ??= randomBytes(32).toString('base64');
  process.env.LOG_LEVEL ??= 'silent';
  const database = localPostgresUrl(`mart_test_${runId}`);
  if (database) process.env.DATABASE_URL ??= database;
  // As in production, each module and the relay sign in as their own role, not as the owner.
  useLocalRuntimeRoles();
  useLocalKafkaCredentials();
  process.env.KAFKA_TOPIC_PREFIX ??= `test.${runId}.`;
  process.env.KAFKA_CONSUMER_GROUP_PREFIX ??= `test.${runId}`;
  process.env.KAFKA_TOPIC_PARTITIONS ??= '3';
  process.env.CONSUMER_RETRY_BASE_MS ??= '50';
  process.env.RELAY_LOCK_RETRY_MS ??= '250';
  process.env.RELAY_STATS_INTERVAL_MS ??= '60000';
  process.env.RELAY_METRICS_PORT ??= '0';
  process.env.METRICS_PORT ??= '0';
  // Every test registers from 127.0.0.1; the registration limit has tests of its own.
  process.env.REGISTRATION_MAX_PER_IP ??= '1000000';
  // Tests place many orders for one customer; the per-customer limits have tests of their own.
  process.env.ORDER_PLACEMENTS_PER_MINUTE ??= '1000000';
  process.env.ORDER_MAX_UNPAID_PER_CUSTOMER ??= '1000000';
  process.env.ORDER_MAX_UNPAID_UNITS_PER_CUSTOMER ??= '1000000';
}

useIsolatedTestEnvironment();
