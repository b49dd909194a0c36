import { randomUUID } from 'node:crypto';
import { OrderStream } from '../../../proto/streams';
import { loadConfig } from '../../config/config';
import { readProtoFile, registryWriter, SchemaRejectedError, StreamSchemas, valueSubject } from '../schema-registry';
import { TopicNames } from '../topic-names';

/** Against the real registry, through its Confluent API only. */
describe('event schemas in the registry', () => {
  const config = loadConfig();
  const topics = new TopicNames(`${config.kafka.topicPrefix}${randomUUID().slice(0, 8)}.`);
  const schemas = new StreamSchemas(config.schemaRegistryUrl, topics, registryWriter(config));
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

  it('lets only the relay change it: anyone else reads, and is refused a write, an unknown route or a huge body', async () => {
    await schemas.register(OrderStream);
    const registry = config.schemaRegistryUrl;
    const json = { 'content-type': 'application/vnd.schemaregistry.v1+json' };
    const schema = JSON.stringify({ schemaType: 'PROTOBUF', schema: await readProtoFile(OrderStream) });

    expect((await fetch(`${registry}/subjects/${subject}/versions/latest`)).status).toBe(200);
    expect((await fetch(`${registry}/subjects/${subject}/versions`, { method: 'POST', headers: json, body: schema })).status).toBe(401);
    expect((await fetch(`${registry}/subjects/${subject}`, { method: 'DELETE' })).status).toBe(401);
    expect((await fetch(`${registry}/config/${subject}`, { method: 'PUT', headers: json, body: '{"compatibility":"NONE"}' })).status).toBe(401);
    const impostor = { ...json, authorization: `Basic ${Buffer.from('mart-orders:guess').toString('base64')}` };
    expect((await fetch(`${registry}/subjects/${subject}/versions`, { method: 'POST', headers: impostor, body: schema })).status).toBe(401);
    expect((await fetch(`${registry}/mode`, { method: 'PUT', headers: json, body: '{"mode":"IMPORT"}' })).status).toBe(405);
    const huge = JSON.stringify({ schemaType: 'PROTOBUF', schema: 'x'.repeat(2 * 1024 * 1024) });
    expect((await fetch(`${registry}/subjects/${subject}`, { method: 'POST', headers: json, body: huge })).status).toBe(413);

    const compatibility = (await (await fetch(`${registry}/config/${subject}`)).json()) as Record<string, string>;
    expect(compatibility.compatibilityLevel ?? compatibility.compatibility).toBe('BACKWARD');
  });
});
