import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import { OrderStream, PaymentStream, UserStream } from '../../../proto/streams';
import { loadConfig } from '../../config/config';
import { createLogger } from '../../logging/logger';
import { createKafka, deadLetterTopic } from '../kafka';
import { EXTERNAL_GROUP_PREFIX, kafkaPrincipals, operatorCredentials, saslFor } from '../kafka-principals';
import { TopicNames } from '../topic-names';

/** Against the local broker with the ACLs this run was granted (test/prepare-run.ts, as `npm run up` grants them). */
describe('who may write and read events on the broker', () => {
  const config = loadConfig();
  const logger = createLogger({ level: 'silent', name: 'kafka-access-test' });
  const topics = new TopicNames(config.kafka.topicPrefix);
  const payments = topics.physical(PaymentStream.topic);
  const orders = topics.physical(OrderStream.topic);

  function signedInAs(principal: string | undefined): Kafka {
    const credentials = principal === kafkaPrincipals.external ? operatorCredentials() : config.kafka.credentials;
    return createKafka({
      brokers: config.kafka.brokers,
      clientId: `access-test-${principal ?? 'anonymous'}`,
      logger,
      ...(principal ? { sasl: saslFor(credentials, principal) } : {}),
    });
  }

  /** kafkajs wraps a refused request's protocol error in the one it throws. */
  function errorType(outcome: unknown): string | undefined {
    const error = outcome as { type?: string; cause?: { type?: string } };
    return error.type ?? error.cause?.type;
  }

  async function produce(kafka: Kafka, topic: string): Promise<unknown> {
    const producer = kafka.producer({ allowAutoTopicCreation: false, retry: { retries: 0 } });
    try {
      await producer.connect();
      await producer.send({ topic, messages: [{ key: randomUUID(), value: Buffer.from('forged') }] });
      return 'sent';
    } catch (error) {
      return error;
    } finally {
      await producer.disconnect();
    }
  }

  it('needs credentials for the broker at all', async () => {
    expect(config.kafka.credentials).toBeDefined();
    const outcome = await produce(signedInAs(undefined), payments);
    expect(outcome).toBeInstanceOf(Error);
  });

  it("refuses a module's principal a record on another stream's topic: no forged PaymentSucceeded", async () => {
    const ordersPrincipal = signedInAs(kafkaPrincipals.module('orders'));
    expect(errorType(await produce(ordersPrincipal, payments))).toBe('TOPIC_AUTHORIZATION_FAILED');
    // Not even its own stream: the relay alone publishes, from the outbox. The dead-letter topic of a stream it
    // reads is the one it writes.
    expect(errorType(await produce(ordersPrincipal, topics.physical(OrderStream.topic)))).toBe('TOPIC_AUTHORIZATION_FAILED');
    expect(await produce(ordersPrincipal, deadLetterTopic(payments))).toBe('sent');
  });

  it('refuses the read-only principal any write, and lets it read in groups of its own', async () => {
    const external = signedInAs(kafkaPrincipals.external);
    expect(errorType(await produce(external, orders))).toBe('TOPIC_AUTHORIZATION_FAILED');

    const relay = signedInAs(kafkaPrincipals.relay);
    expect(await produce(relay, topics.physical(UserStream.topic))).toBe('sent');
    const reader = external.consumer({ groupId: `${EXTERNAL_GROUP_PREFIX}access-test-${randomUUID()}` });
    await reader.connect();
    try {
      await reader.subscribe({ topic: topics.physical(UserStream.topic), fromBeginning: true });
      const read = new Promise<boolean>((resolve) => void reader.run({ eachMessage: async () => resolve(true) }));
      await expect(read).resolves.toBe(true);
    } finally {
      await reader.disconnect();
    }

    // Mart's own consumer groups are not its to join or read (kafkajs reports the refused coordinator lookup).
    const admin = external.admin();
    await admin.connect();
    try {
      const topic = topics.physical(UserStream.topic);
      await expect(admin.fetchOffsets({ groupId: `${EXTERNAL_GROUP_PREFIX}offsets-${randomUUID()}`, topics: [topic] })).resolves.toHaveLength(1);
      await expect(admin.fetchOffsets({ groupId: `${config.kafka.consumerGroupPrefix}.payments`, topics: [topic] })).rejects.toThrow(
        'Failed to find group coordinator',
      );
    } finally {
      await admin.disconnect();
    }
  });
});
