import type { Admin } from 'kafkajs';
import { allStreams } from '../proto/streams';
import type { Config } from '../src/config/config';
import type { Logger } from '../src/logging/logger';
import { createKafka, ensureTopics } from '../src/messaging/kafka';
import { grantEventAccess, revokeEventAccess, schemaStoreRules, type EventAccess } from '../src/messaging/kafka-access';
import { kafkaPrincipals, saslFor, type KafkaCredentials } from '../src/messaging/kafka-principals';
import { TopicNames } from '../src/messaging/topic-names';
import { moduleSubscriptions } from './module-subscriptions';

/**
 * Creates this deployment's event topics and grants each principal its part, signed in as the operators' super
 * user (`operator` holds mart-admin's password). Returns how many ACLs hold. Without operator credentials (a
 * broker without authentication) it only creates the topics.
 */
export function provisionEventAccess(config: Config, operator: KafkaCredentials | undefined, logger: Logger): Promise<number> {
  return asOperator(config, operator, logger, async (admin, access) => {
    if (!operator) {
      await ensureTopics(admin, access.topicNames, access.streams, config.kafka.topicPartitions);
      return 0;
    }
    return grantEventAccess(admin, access, config.kafka.topicPartitions);
  });
}

/** Takes back a deployment's grants: a test run's or a benchmark's own topic prefix, when it ends. */
export function withdrawEventAccess(config: Config, operator: KafkaCredentials | undefined, logger: Logger): Promise<void> {
  if (!operator) return Promise.resolve();
  return asOperator(config, operator, logger, revokeEventAccess);
}

/** Grants a Confluent Schema Registry's principal its `_schemas` topic and groups. */
export function grantSchemaStore(config: Config, operator: KafkaCredentials, principal: string, logger: Logger): Promise<void> {
  return asOperator(config, operator, logger, async (admin) => {
    await admin.createAcls({ acl: schemaStoreRules(principal) });
  });
}

async function asOperator<T>(
  config: Config,
  operator: KafkaCredentials | undefined,
  logger: Logger,
  work: (admin: Admin, access: EventAccess) => Promise<T>,
): Promise<T> {
  const kafka = createKafka({ brokers: config.kafka.brokers, clientId: 'mart-grant', logger, sasl: saslFor(operator, kafkaPrincipals.admin) });
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await work(admin, {
      topicNames: new TopicNames(config.kafka.topicPrefix),
      consumerGroupPrefix: config.kafka.consumerGroupPrefix,
      streams: allStreams,
      subscriptions: await moduleSubscriptions(config, logger),
    });
  } finally {
    await admin.disconnect();
  }
}
