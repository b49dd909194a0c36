import { randomUUID } from 'node:crypto';
import { OrderStream } from '../../../proto/streams';
import { loadConfig } from '../../config/config';
import { readProtoFile, SchemaRejectedError, StreamSchemas, valueSubject } from '../schema-registry';
import { TopicNames } from '../topic-names';

/** Against the real registry, through its Confluent API only. */
describe('event schemas in the registry', () => {
  const config = loadConfig();
  const topics = new TopicNames(`${config.kafka.topicPrefix}${randomUUID().slice(0, 8)}.`);
  const schemas = new StreamSchemas(config.schemaRegistryUrl, topics);
  const subject = valueSubject(topics.physical(OrderStream.topic));

  it('registers a stream under <topic>-value as PROTOBUF with BACKWARD compatibility, idempotently', async () => {
    const id = await schemas.register(OrderStream);
    expect(id).toBeGreaterThan(0);
    expect(await schemas.register(OrderStream)).toBe(id);

    const latest = (await (await fetch(`${config.schemaRegistryUrl}/subjects/${subject}/versions/latest`)).json()) as { schema: string };
    expect(latest).toMatchObject({ subject, id, schemaType: 'PROTOBUF' });
    expect(latest.schema).toContain('message OrderEvent');
    const compatibility = (await (await fetch(`${config.schemaRegistryUrl}/config/${subject}`)).json()) as Record<string, string>;
    expect(compatibility.compatibilityLevel ?? compatibility.compatibility).toBe('BACKWARD');
  });

  it('refuses a breaking change and says why', async () => {
    await schemas.register(OrderStream);
    const original = await readProtoFile(OrderStream);
    const breaking = original.replace('string customer_id = 2;', 'int64 customer_id = 2;');
    expect(breaking).not.toBe(original);

    const error = await schemas.register(OrderStream, breaking).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SchemaRejectedError);
    expect((error as Error).message).toContain(subject);
  });
});
