import { Parser } from '@asyncapi/parser';
import { ProtoBuffSchemaParser } from '@asyncapi/protobuf-schema-parser';
import request from 'supertest';
import { parse } from 'yaml';
import { allStreams, OrderStream, ProductStream } from '../../../proto/streams';
import { startTestStack, type TestStack } from '../../../test/test-stack';

/** The event streams as an integrator finds them: GET /asyncapi.json, checked with the official AsyncAPI parser. */
describe('the AsyncAPI document', () => {
  let stack: TestStack;
  let document: any; // eslint-disable-line @typescript-eslint/no-explicit-any

  beforeAll(async () => {
    stack = await startTestStack({ consumers: false });
    document = (await request(stack.baseUrl).get('/asyncapi.json').expect(200)).body;
  });

  afterAll(async () => {
    await stack.stop();
  });

  it('is valid AsyncAPI 3.0, protobuf schemas included, with no errors or warnings', async () => {
    const parser = new Parser();
    parser.registerSchemaParser(ProtoBuffSchemaParser());
    const { document: parsed, diagnostics } = await parser.parse(JSON.stringify(document));
    expect(diagnostics.filter((d) => d.severity <= 1).map((d) => `${d.code}: ${d.message} at ${d.path.join('.')}`)).toEqual([]);
    expect(parsed?.version()).toBe('3.0.0');
    expect(parsed?.info().license()?.name()).toBeTruthy();
  });

  it('has a channel and a dead-letter channel for every stream in proto/streams.ts', () => {
    const addresses = Object.values(document.channels).map((channel: any) => channel.address); // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(addresses.sort()).toEqual(allStreams.flatMap((s) => [s.topic, `${s.topic}.dlq`]).sort());
  });

  it("describes each message's protobuf schema, key and CloudEvents headers", () => {
    const placed = document.components.messages.mart_orders_v1_OrderPlaced;
    expect(placed.payload.schemaFormat).toBe('application/vnd.google.protobuf;version=3');
    expect(placed.payload.schema).toContain('message OrderPlaced');
    expect(placed.headers.properties.ce_type.const).toBe('mart.orders.v1.OrderPlaced');
    expect(placed.headers.properties).toHaveProperty('traceparent');
    expect(placed.bindings.kafka.key.description).toMatch(/aggregate id/);
  });

  it('says which consumer group receives which events, from what the modules actually handle', () => {
    const operations = Object.values(document.operations) as Array<{ action: string; channel: { $ref: string }; bindings?: any; messages: Array<{ $ref: string }> }>; // eslint-disable-line @typescript-eslint/no-explicit-any
    const orderChannel = Object.entries(document.channels).find(([, c]: [string, any]) => c.address === OrderStream.topic)![0]; // eslint-disable-line @typescript-eslint/no-explicit-any
    const receivers = operations.filter((o) => o.action === 'receive' && o.channel.$ref === `#/channels/${orderChannel}`);
    const byGroup = Object.fromEntries(receivers.map((o) => [o.bindings.kafka.groupId.enum[0], o.messages.map((m) => m.$ref.split('/').pop())]));
    const prefix = stack.config.kafka.consumerGroupPrefix;
    expect(byGroup[`${prefix}.inventory`]).toEqual(expect.arrayContaining(['orderPlaced', 'orderPaid']));
    expect(byGroup[`${prefix}.payments`]).toEqual(expect.arrayContaining(['orderPlaced', 'orderAwaitingPayment', 'orderPaid']));
    expect(operations.filter((o) => o.action === 'send' && o.channel.$ref === `#/channels/${orderChannel}`)).toHaveLength(1);
  });

  it('shows the variant events on the product channel, and who reads them', () => {
    const operations = Object.values(document.operations) as Array<{ action: string; channel: { $ref: string }; bindings?: any; messages: Array<{ $ref: string }> }>; // eslint-disable-line @typescript-eslint/no-explicit-any
    const productChannel = Object.entries(document.channels).find(([, c]: [string, any]) => c.address === ProductStream.topic)![0]; // eslint-disable-line @typescript-eslint/no-explicit-any
    const receivers = operations.filter((o) => o.action === 'receive' && o.channel.$ref === `#/channels/${productChannel}`);
    const byGroup = Object.fromEntries(receivers.map((o) => [o.bindings.kafka.groupId.enum[0], o.messages.map((m) => m.$ref.split('/').pop())]));
    const prefix = stack.config.kafka.consumerGroupPrefix;
    expect(byGroup[`${prefix}.inventory`]).toEqual(['variantCreated']);
    expect(byGroup[`${prefix}.orders`]).toEqual(expect.arrayContaining(['variantCreated', 'variantUpdated', 'variantArchived']));
    const created = Object.values(document.components.messages as Record<string, { name?: string; payload: { schema: string } }>).find((m) => m.payload.schema.includes('message VariantCreated'));
    expect(created).toBeDefined();
  });

  it('is served as YAML too', async () => {
    const yaml = await request(stack.baseUrl).get('/asyncapi.yaml').expect(200).expect('content-type', /yaml/);
    expect(parse(yaml.text)).toEqual(document);
  });
});
