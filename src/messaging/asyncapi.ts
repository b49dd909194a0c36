import { eventTypeName, type EventStream } from '../../proto/streams';
import { PROTOBUF_CONTENT_TYPE } from './cloud-events';
import { eventCatalog } from './event-catalog';
import type { HandlerGroup } from './consumer-groups';
import { EVERY_EVENT } from './event-handler';
import { deadLetterTopic } from './kafka';

/** A module's consumer group and what it handles, as the API process runs it. */
export interface ConsumingModule extends HandlerGroup {
  name: string;
}

export interface AsyncApiOptions {
  version: string;
  modules: readonly ConsumingModule[];
  partitions: number;
  brokers: readonly string[];
  registryUrl: string;
}

type Json = Record<string, unknown>;

const KAFKA_BINDING = '0.5.0';
const PROTOBUF_SCHEMA_FORMAT = 'application/vnd.google.protobuf;version=3';

/**
 * The AsyncAPI 3.0 description of every stream, generated from proto/streams.ts and the .proto files (never
 * written by hand): one channel per topic and one per dead-letter topic, a message per event type with its
 * protobuf schema and CloudEvents headers, the relay's send operations and each module consumer group's receive
 * operations.
 */
export function buildAsyncApi(options: AsyncApiOptions): Json {
  const channels: Json = {};
  const operations: Json = {};
  const messages: Json = {};
  for (const events of eventCatalog()) {
    const { stream, proto } = events;
    const id = channelId(stream.topic);
    const refs: Json = {};
    for (const { eventCase, messageName } of events.cases) {
      const name = eventTypeName(stream, eventCase);
      const key = messageKey(name);
      messages[key] = eventMessage(stream, eventCase, name, messageName, events.envelope, proto);
      refs[eventCase] = { $ref: `#/components/messages/${key}` };
    }
    channels[id] = {
      address: stream.topic,
      title: `${stream.module}: ${events.envelope}`,
      description:
        `Events of the ${stream.module} module, keyed by aggregate id (all events of one aggregate in order on one partition). ` +
        `Value: Confluent wire format (magic byte, schema id, message index 0) + protobuf ${events.envelope}; ` +
        `schema subject \`${stream.topic}-value\` in the registry.`,
      messages: refs,
      bindings: { kafka: { topic: stream.topic, partitions: options.partitions, bindingVersion: KAFKA_BINDING } },
    };
    operations[`publish${pascal(id)}`] = {
      action: 'send',
      channel: { $ref: `#/channels/${id}` },
      summary: `The relay publishes the ${stream.module} outbox`,
      description: 'Rows committed with the state change are published in commit order per aggregate, at least once (dedupe by ce_id).',
      messages: Object.keys(refs).map((eventCase) => ({ $ref: `#/channels/${id}/messages/${eventCase}` })),
    };

    const dlqId = `${id}Dlq`;
    channels[dlqId] = {
      address: deadLetterTopic(stream.topic),
      title: `${stream.module}: dead letters`,
      description: 'Events a consumer group could not handle after its retries, unchanged, with dlq_* headers saying why and where from.',
      messages: Object.fromEntries(Object.keys(refs).map((eventCase) => [eventCase, { $ref: `#/components/messages/${messageKey(eventTypeName(stream, eventCase))}DeadLetter` }])),
      bindings: { kafka: { topic: deadLetterTopic(stream.topic), bindingVersion: KAFKA_BINDING } },
    };
    for (const { eventCase } of events.cases) {
      const key = messageKey(eventTypeName(stream, eventCase));
      messages[`${key}DeadLetter`] = deadLetterMessage(messages[key] as Json);
    }

    for (const module of options.modules) {
      const handled = [
        ...new Set(
          module.handlers
            .filter((h) => h.stream.topic === stream.topic)
            .flatMap((h): string[] => ((h.event as string) === EVERY_EVENT ? events.cases.map((c) => c.eventCase) : [h.event])),
        ),
      ];
      if (handled.length === 0) continue;
      const groupBinding = { kafka: { groupId: { type: 'string', enum: [module.groupId] }, bindingVersion: KAFKA_BINDING } };
      const group = module.sideGroup ? `${module.name}${pascal(module.sideGroup)}` : module.name;
      const groupName = module.sideGroup ? `${module.name} module's ${module.sideGroup} consumer group` : `${module.name} module's consumer group`;
      operations[`${group}Receives${pascal(id)}`] = {
        action: 'receive',
        channel: { $ref: `#/channels/${id}` },
        summary: `The ${groupName} handles ${handled.join(', ')}`,
        messages: handled.map((eventCase) => ({ $ref: `#/channels/${id}/messages/${eventCase}` })),
        bindings: groupBinding,
      };
      operations[`${group}DeadLetters${pascal(id)}`] = {
        action: 'send',
        channel: { $ref: `#/channels/${dlqId}` },
        summary: `The ${groupName} dead-letters what it could not handle`,
        messages: handled.map((eventCase) => ({ $ref: `#/channels/${dlqId}/messages/${eventCase}` })),
      };
    }
  }
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Mart event streams',
      version: options.version,
      description:
        'Domain events of the Mart commerce backend on Kafka, protobuf in the Confluent wire format with schemas in a ' +
        'Confluent-compatible registry. Any Confluent client (ProtobufDeserializer) can subscribe. Generated from ' +
        'proto/streams.ts and the .proto files.\n\n' +
        '**Webhooks**: the same events reach HTTPS endpoints as JSON, signed as Standard Webhooks specifies, in order ' +
        'per aggregate and retried: admins register them at `POST /webhook-endpoints` of the REST API, subscribing to ' +
        'types named `<module>.<Event>` (`orders.OrderPaid`; the list is `GET /webhook-event-types`). The REST API ' +
        "document's `Webhooks` tag (`/openapi.json`) describes the body, headers, signature, ordering and retries.",
      license: { name: 'MIT', url: 'https://opensource.org/license/mit' },
      contact: { name: 'Mart team', url: 'https://github.com/mart' },
    },
    defaultContentType: PROTOBUF_CONTENT_TYPE,
    servers: Object.fromEntries(
      options.brokers.map((broker, i) => [
        `kafka${i + 1}`,
        { host: broker, protocol: 'kafka', description: 'Kafka broker', bindings: { kafka: { schemaRegistryUrl: options.registryUrl, schemaRegistryVendor: 'confluent', bindingVersion: KAFKA_BINDING } } },
      ]),
    ),
    channels,
    operations,
    components: { messages },
  };
}

/** `mart.orders.order.v1` → `martOrdersOrderV1` (AsyncAPI keys allow letters, digits, `-` and `_` only). */
function channelId(topic: string): string {
  return topic.split(/[.-]/).map((part, i) => (i === 0 ? part : pascal(part))).join('');
}

function messageKey(typeName: string): string {
  return typeName.replaceAll('.', '_');
}

function pascal(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function eventMessage(stream: EventStream, eventCase: string, typeName: string, messageName: string, envelope: string, proto: string): Json {
  return {
    name: typeName,
    title: messageName,
    summary: `${messageName}: the \`${eventCase}\` case of ${envelope}`,
    contentType: PROTOBUF_CONTENT_TYPE,
    headers: {
      type: 'object',
      required: ['ce_specversion', 'ce_id', 'ce_type', 'ce_source', 'ce_subject', 'ce_time', 'content-type'],
      properties: {
        ce_specversion: { type: 'string', const: '1.0' },
        ce_id: { type: 'string', format: 'uuid', description: 'The event id; the same on a redelivery (dedupe on it).' },
        ce_type: { type: 'string', const: typeName },
        ce_source: { type: 'string', const: `/mart/${stream.module}` },
        ce_subject: { type: 'string', format: 'uuid', description: 'The aggregate id (also the message key).' },
        ce_time: { type: 'string', format: 'date-time' },
        'content-type': { type: 'string', const: PROTOBUF_CONTENT_TYPE },
        traceparent: { type: 'string', pattern: '^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$', description: 'W3C trace context of the request that caused the event.' },
      },
    },
    payload: { schemaFormat: PROTOBUF_SCHEMA_FORMAT, schema: proto },
    bindings: {
      kafka: {
        key: { type: 'string', format: 'uuid', description: 'The aggregate id.' },
        schemaIdLocation: 'payload',
        schemaIdPayloadEncoding: 'confluent',
        schemaLookupStrategy: 'TopicIdStrategy',
        bindingVersion: KAFKA_BINDING,
      },
    },
    'x-protobuf-message': envelope,
    'x-event-case': eventCase,
  };
}

function deadLetterMessage(original: Json): Json {
  const headers = original.headers as { properties: Json; required: string[] };
  return {
    ...original,
    name: `${String(original.name)}.DeadLetter`,
    summary: `${String(original.title)} that a consumer group gave up on`,
    headers: {
      type: 'object',
      required: [...headers.required, 'dlq_reason', 'dlq_handler', 'dlq_consumer_group', 'dlq_original_topic', 'dlq_original_partition', 'dlq_original_offset'],
      properties: {
        ...headers.properties,
        dlq_reason: { type: 'string' },
        dlq_handler: { type: 'string', description: 'The handler that failed, or `decode`.' },
        dlq_attempts: { type: 'string' },
        dlq_consumer_group: { type: 'string' },
        dlq_original_topic: { type: 'string' },
        dlq_original_partition: { type: 'string' },
        dlq_original_offset: { type: 'string' },
        dlq_failed_at: { type: 'string', format: 'date-time' },
      },
    },
  };
}
