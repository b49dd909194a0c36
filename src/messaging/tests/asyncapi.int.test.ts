import { Parser } from '@asyncapi/parser';
import { ProtoBuffSchemaParser } from '@asyncapi/protobuf-schema-parser';
import request from 'supertest';
import { parse } from 'yaml';
import { allStreams, OrderStream, ProductStream, ReservationStream } from '../../../proto/streams';
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

  type Operation = { action: string; channel: { $ref: string }; bindings?: any; messages: Array<{ $ref: string }> }; // eslint-disable-line @typescript-eslint/no-explicit-any

  /** The events each consumer group receives from a topic, and the operations sending to it. */
  function groupsReading(topic: string): { byGroup: Record<string, string[]>; senders: Operation[] } {
    const operations = Object.values(document.operations) as Operation[];
    const channel = Object.entries(document.channels).find(([, c]: [string, any]) => c.address === topic)![0]; // eslint-disable-line @typescript-eslint/no-explicit-any
    const onChannel = operations.filter((o) => o.channel.$ref === `#/channels/${channel}`);
    const receivers = onChannel.filter((o) => o.action === 'receive');
    const prefix = stack.config.kafka.consumerGroupPrefix;
    return {
      byGroup: Object.fromEntries(receivers.map((o) => [o.bindings.kafka.groupId.enum[0].slice(prefix.length + 1), o.messages.map((m) => m.$ref.split('/').pop()!)])),
      senders: onChannel.filter((o) => o.action === 'send'),
    };
  }

  const messageWithSchema = (declaration: string) =>
    Object.values(document.components.messages as Record<string, { name?: string; payload: { schema: string } }>).find((m) => m.payload.schema.includes(declaration));

  it('says which consumer group receives which events, from what the modules actually handle', () => {
    const { byGroup, senders } = groupsReading(OrderStream.topic);
    expect(byGroup.inventory).toEqual(expect.arrayContaining(['orderPlaced', 'orderCancelled']));
    expect(byGroup.payments).toEqual(expect.arrayContaining(['orderPlaced', 'orderAwaitingPayment', 'orderPaid']));
    expect(senders).toHaveLength(1);
  });

  it('shows the variant events on the product channel, and who reads them', () => {
    const { byGroup } = groupsReading(ProductStream.topic);
    expect(byGroup.inventory).toEqual(['variantCreated']);
    expect(byGroup.orders).toEqual(expect.arrayContaining(['variantCreated', 'variantUpdated', 'variantArchived']));
    expect(messageWithSchema('message VariantCreated')).toBeDefined();
  });

  it('shows the fulfilment and return events, and who reads them', () => {
    const { byGroup } = groupsReading(OrderStream.topic);
    expect(byGroup.inventory).toEqual(expect.arrayContaining(['fulfilmentCreated', 'fulfilmentShipped', 'returnReceived']));
    expect(byGroup.inventory).not.toContain('orderPaid');
    expect(byGroup.payments).toEqual(expect.arrayContaining(['returnReceived']));
    expect(byGroup.notifications).toEqual(expect.arrayContaining(['fulfilmentShipped', 'fulfilmentDelivered', 'returnRequested', 'returnApproved', 'returnDeclined', 'returnReceived']));
    expect(groupsReading(ReservationStream.topic).byGroup.orders).toEqual(expect.arrayContaining(['stockReserved', 'stockAllocationMoved', 'stockAllocationMoveRefused']));
    expect(messageWithSchema('message ReturnReceived')).toBeDefined();
  });

  it('is served as YAML too', async () => {
    const yaml = await request(stack.baseUrl).get('/asyncapi.yaml').expect(200).expect('content-type', /yaml/);
    expect(parse(yaml.text)).toEqual(document);
  });
});
