import { randomUUID } from 'node:crypto';
import { create } from '@bufbuild/protobuf';
import { ProtobufDeserializer, ProtobufSerializer, SerdeType } from '@confluentinc/schemaregistry';
import type { Knex } from 'knex';
import { Partitioners, type Kafka } from 'kafkajs';
import { UserStream } from '../../proto/streams';
import { onEvent } from '../../src/messaging/event-handler';
import { createKafka } from '../../src/messaging/kafka';
import type { ModuleConsumer } from '../../src/messaging/module-consumer';
import { recordEvent } from '../../src/messaging/outbox';
import { TopicNames } from '../../src/messaging/topic-names';
import { bufbuildDescriptor, ConfluentRegistryClient } from '../../test/confluent-client';
import { createScratchSchema, startScratchConsumer } from '../../test/scratch-schema';
import { startTestStack, type TestStack } from '../../test/test-stack';
import { waitFor } from '../../test/wait-for';

/** Other teams read and write our topics with Confluent's official JS serdes; both directions must work. */
describe('interoperability with Confluent protobuf serdes', () => {
  let stack: TestStack;
  let kafka: Kafka;
  let topic: string;
  let registry: ConfluentRegistryClient;
  let scratch: Knex;
  let ourConsumer: ModuleConsumer;
  const userEvent = bufbuildDescriptor(UserStream.protoFile, 'mart.users.v1.UserEvent');

  beforeAll(async () => {
    stack = await startTestStack({ relay: true, consumers: false });
    kafka = createKafka({ brokers: stack.config.kafka.brokers, clientId: 'confluent-interop', logger: stack.logger });
    topic = new TopicNames(stack.config.kafka.topicPrefix).physical(UserStream.topic);
    registry = new ConfluentRegistryClient(stack.config.schemaRegistryUrl);
    scratch = await createScratchSchema(stack.config.database.url, 'confluent_interop_test');
    ourConsumer = await startScratchConsumer(stack, scratch, 'confluent-interop', [
      onEvent(UserStream, 'userRegistered', 'record-registrations', async (trx, payload, envelope) => {
        await trx('received').insert({ event_id: envelope.eventId, aggregate_id: payload.email, sequence: 0, handler: 'interop' });
      }),
    ]);
  });

  afterAll(async () => {
    await ourConsumer.stop();
    await scratch.destroy();
    await stack.stop();
  });

  it('what the relay publishes, a Confluent subscriber decodes', async () => {
    const userId = randomUUID();
    const recorded = await stack.db('users').transaction((trx) =>
      recordEvent(trx, UserStream, userId, 'userRegistered', { userId, email: 'grace@example.com', name: 'Grace', role: 'customer' }),
    );

    const deserializer = new ProtobufDeserializer(registry, SerdeType.VALUE, {});
    const decoded: Record<string, unknown>[] = [];
    const subscriber = kafka.consumer({ groupId: `confluent-subscriber-${randomUUID()}` });
    await subscriber.connect();
    await subscriber.subscribe({ topic, fromBeginning: true });
    await subscriber.run({
      eachMessage: async ({ message }) => {
        if (message.key?.toString() !== userId) return;
        decoded.push((await deserializer.deserialize(topic, message.value!)) as Record<string, unknown>);
      },
    });
    try {
      const [message] = await waitFor('the Confluent subscriber to decode the event', () => decoded.length > 0 && decoded);
      expect(message.$typeName).toBe('mart.users.v1.UserEvent');
      expect(message.eventId).toBe(recorded.eventId);
      expect(message.event).toMatchObject({
        case: 'userRegistered',
        value: { userId, email: 'grace@example.com', name: 'Grace', role: 'customer' },
      });
    } finally {
      await subscriber.disconnect();
    }
  });

  it('what a Confluent producer publishes, our module consumers decode', async () => {
    // The relay has registered the topic's schema; an external producer serializes against the latest version.
    await waitFor('the schema to be registered', async () => (await registry.getAllSubjects()).includes(`${topic}-value`));
    const serializer = new ProtobufSerializer(registry, SerdeType.VALUE, { useLatestVersion: true, autoRegisterSchemas: false });
    serializer.registry.add(userEvent);
    const eventId = randomUUID();
    const email = `${randomUUID()}@partner.example`;
    const message = create(userEvent, {
      eventId,
      occurredAt: new Date().toISOString(),
      aggregateId: 'partner-user',
      event: { case: 'userRegistered', value: { userId: 'partner-user', email, name: 'From a partner', role: 'customer' } },
    } as never);
    const value = await serializer.serialize(topic, message);

    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    await producer.send({ topic, messages: [{ key: 'partner-user', value }] });
    await producer.disconnect();

    expect(value[0]).toBe(0);
    expect(value[5]).toBe(0); // message indexes [0]: the envelope is the first message of the file
    const row = await waitFor('our consumer to handle it', async () => (await scratch('received').where({ event_id: eventId }))[0]);
    expect(row.aggregate_id).toBe(email);
  });
});
