/**
 * npm run kafka:grant — creates the event topics and the broker's ACLs for this configuration (topic and consumer
 * group prefixes), signed in as mart-admin from KAFKA_OPERATOR_CREDENTIALS_FILE. Safe to repeat; `npm run up`,
 * the tests and compose's kafka-init run it. KAFKA_SCHEMA_STORE_PRINCIPAL, when set, is granted what a Confluent
 * Schema Registry keeping its schemas in this cluster needs.
 */
import { grantSchemaStore, provisionEventAccess } from '../host/event-access';
import { loadConfig } from '../src/config/config';
import { createLogger } from '../src/logging/logger';
import { operatorCredentials } from '../src/messaging/kafka-principals';

async function main(): Promise<void> {
  const operator = operatorCredentials();
  if (!operator) console.warn('kafka:grant: KAFKA_OPERATOR_CREDENTIALS_FILE is not set: creating the topics only (a broker without ACLs)');
  const config = loadConfig(process.env, { requireJwtSecret: false });
  const logger = createLogger({ level: 'warn', name: 'kafka-grant' });
  const granted = await provisionEventAccess(config, operator, logger);
  const store = process.env.KAFKA_SCHEMA_STORE_PRINCIPAL;
  if (store && operator) await grantSchemaStore(config, operator, store, logger);
  console.log(`kafka: event topics ready, ${granted} ACLs granted${config.kafka.topicPrefix ? ` for prefix ${config.kafka.topicPrefix}` : ''}`);
}

main().catch((error: unknown) => {
  console.error(`kafka:grant failed: ${(error as Error).message}`);
  process.exit(1);
});
