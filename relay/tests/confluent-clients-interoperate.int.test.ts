import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { create, createFileRegistry, fromBinary, type DescMessage } from '@bufbuild/protobuf';
import { FileDescriptorProtoSchema } from '@bufbuild/protobuf/wkt';
import { ProtobufDeserializer, ProtobufSerializer, SchemaRegistryClient, SerdeType } from '@confluentinc/schemaregistry';
import type { Knex } from 'knex';
import { Partitioners, type Kafka, type KafkaMessage } from 'kafkajs';
import { UserStream } from '../../proto/streams';
import { onEvent } from '../../src/messaging/event-handler';
import { createKafka } from '../../src/messaging/kafka';
import type { ModuleConsumer } from '../../src/messaging/module-consumer';
import { recordEvent } from '../../src/messaging/outbox';
import { TopicNames } from '../../src/messaging/topic-names';
import { createScratchSchema, startScratchConsumer } from '../../test/scratch-schema';
import { startTestStack, type TestStack } from '../../test/test-stack';
import { waitFor } from '../../test/wait-for';
import { kafkaPrincipals, operatorCredentials, operatorSasl } from '../../src/messaging/kafka-principals';

const run = promisify(execFile);
const root = path.resolve(__dirname, '..', '..');
const python = path.join(root, '.cache', 'python', 'bin', 'python');

/** Confluent's JS registry client exactly as its README configures it: nothing but the registry's URL. */
function confluentRegistryClient(url: string): SchemaRegistryClient {
  return new SchemaRegistryClient({ baseURLs: [url] });
}

/** A dynamic client's message type: the descriptor the registry serves for the subject's latest schema. */
async function latestMessageType(registry: SchemaRegistryClient, subject: string, typeName: string): Promise<DescMessage> {
  const latest = await registry.getLatestSchemaMetadata(subject, 'serialized');
  const file = fromBinary(FileDescriptorProtoSchema, Buffer.from(latest.schema, 'base64'));
  const message = createFileRegistry(file, () => undefined).getMessage(typeName);
  if (!message) throw new Error(`${typeName} is not in the registry's schema for ${subject}`);
  return message;
}

/**
 * Other teams read and write our topics with Confluent's own clients and nothing of ours: Confluent's JS
 * serdes in both directions, and Python's confluent-kafka deserializer with protoc-compiled classes.
 */
describe('interoperability with Confluent protobuf serdes', () => {
  let stack: TestStack;
  let kafka: Kafka;
  let topic: string;
  let subject: string;
  let scratch: Knex;
  let ourConsumer: ModuleConsumer;

  beforeAll(async () => {
    if (!existsSync(python)) throw new Error(`${python} is missing: run 'bash scripts/python-client.sh' (npm test does)`);
    stack = await startTestStack({ relay: true, consumers: false });
    kafka = createKafka({ brokers: stack.config.kafka.brokers, clientId: 'confluent-interop', logger: stack.logger, sasl: operatorSasl() });
    topic = new TopicNames(stack.config.kafka.topicPrefix).physical(UserStream.topic);
    subject = `${topic}-value`;
    scratch = await createScratchSchema(stack.config.database.url, 'confluent_interop_test');
    ourConsumer = await startScratchConsumer(stack, scratch, 'confluent-interop', [
      onEvent(UserStream, 'userRegistered', 'record-registrations', async (trx, payload, envelope) => {
        await trx('received').insert({ event_id: envelope.eventId, aggregate_id: payload.email, sequence: 0, handler: 'interop' });
      }),
    ]);
  });

  afterAll(async () => {
    await ourConsumer?.stop();
    await scratch?.destroy();
    await stack?.stop();
  });

  async function publishRegistration(email: string): Promise<{ userId: string; eventId: string }> {
    const userId = randomUUID();
    const recorded = await stack.db('users').transaction((trx) =>
      recordEvent(trx, UserStream, userId, 'userRegistered', { userId, email, name: 'Grace', role: 'customer' }),
    );
    return { userId, eventId: recorded.eventId };
  }

  /** The topic's messages keyed `key`, read from the beginning by a subscriber group of its own. */
  async function readMessages(key: string, count: number): Promise<KafkaMessage[]> {
    const found: KafkaMessage[] = [];
    const subscriber = kafka.consumer({ groupId: `confluent-subscriber-${randomUUID()}` });
    await subscriber.connect();
    try {
      await subscriber.subscribe({ topic, fromBeginning: true });
      await subscriber.run({
        eachMessage: async ({ message }) => {
          if (message.key?.toString() === key) found.push(message);
        },
      });
      return await waitFor(`${count} message(s) keyed ${key}`, () => found.length >= count && found);
    } finally {
      await subscriber.disconnect();
    }
  }

  /** The Python subscriber signs in as other teams do: the read-only principal (its password in the environment). */
  const externalPassword = operatorCredentials()?.passwords[kafkaPrincipals.external];

  async function decodeInPython(key: string): Promise<Record<string, unknown>[]> {
    const { stdout } = await run(
      python,
      [
        path.join(root, 'test', 'python', 'decode_topic.py'),
        ...['--brokers', stack.config.kafka.brokers.join(','), '--registry', stack.config.schemaRegistryUrl],
        ...['--topic', topic, '--proto', path.join(root, 'proto', UserStream.protoFile), '--message', 'UserEvent'],
        ...['--key', key, '--timeout', '30'],
        ...(externalPassword ? ['--username', kafkaPrincipals.external] : []),
      ],
      { timeout: 60_000, env: { ...process.env, KAFKA_PASSWORD: externalPassword ?? '' } },
    );
    return JSON.parse(stdout) as Record<string, unknown>[];
  }

  it('what the relay publishes, a Confluent JS subscriber decodes', async () => {
    const { userId, eventId } = await publishRegistration('grace@example.com');
    const [message] = await readMessages(userId, 1);

    const deserializer = new ProtobufDeserializer(confluentRegistryClient(stack.config.schemaRegistryUrl), SerdeType.VALUE, {});
    const decoded = (await deserializer.deserialize(topic, message.value!)) as Record<string, unknown>;
    expect(decoded.$typeName).toBe('mart.users.v1.UserEvent');
    expect(decoded.eventId).toBe(eventId);
    expect(decoded.event).toMatchObject({
      case: 'userRegistered',
      value: { userId, email: 'grace@example.com', name: 'Grace', role: 'customer' },
    });
  });

  it('what the relay publishes, a Python confluent-kafka subscriber decodes', async () => {
    const { userId, eventId } = await publishRegistration('ada@example.com');
    const [decoded] = await decodeInPython(userId);
    expect(decoded).toMatchObject({
      eventId,
      aggregateId: userId,
      userRegistered: { userId, email: 'ada@example.com', name: 'Grace', role: 'customer' },
    });
  });

  it('what a Confluent JS producer publishes, our module consumers decode', async () => {
    // The relay has registered the topic's schema; an external producer serializes against the latest version.
    const registry = confluentRegistryClient(stack.config.schemaRegistryUrl);
    // Asked by subject: a registry that has served many runs lists only its first 1,000 subjects.
    await waitFor('the schema to be registered', async () => Boolean(await registry.getLatestSchemaMetadata(subject, 'serialized').catch(() => undefined)));
    const userEvent = await latestMessageType(registry, subject, 'mart.users.v1.UserEvent');
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

  it('after a registry restart, messages published before it still decode', async () => {
    const { userId, eventId } = await publishRegistration('before-restart@example.com');
    const [before] = await readMessages(userId, 1);
    const schemaId = before.value!.readInt32BE(1);
    const schemaBefore = await confluentRegistryClient(stack.config.schemaRegistryUrl).getBySubjectAndId(subject, schemaId, 'serialized');

    await run('bash', [path.join(root, 'scripts', 'infra.sh'), 'restart-registry'], { timeout: 180_000 });

    // A fresh client: nothing cached from before the restart.
    const registry = confluentRegistryClient(stack.config.schemaRegistryUrl);
    expect(await registry.getBySubjectAndId(subject, schemaId, 'serialized')).toMatchObject({ schema: schemaBefore.schema });
    const decoded = (await new ProtobufDeserializer(registry, SerdeType.VALUE, {}).deserialize(topic, before.value!)) as Record<string, unknown>;
    expect(decoded.eventId).toBe(eventId);
    const [inPython] = await decodeInPython(userId);
    expect(inPython).toMatchObject({ eventId, userRegistered: { email: 'before-restart@example.com' } });
  }, 240_000);
});
