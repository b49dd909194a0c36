/**
 * What an operator or a new team member reaches for first: the event streams, read as any subscriber reads them
 * (the schema comes from the registry by the id in each message's Confluent frame, not from our code).
 *
 *   npm run events -- list
 *       topics with partitions and events, each module consumer group's lag, dead letters per topic
 *   npm run events -- tail <topic> [--from-beginning] [--key <id>] [--type <OrderPaid|mart.orders.v1.OrderPaid>] [--max <n>]
 *       decoded events as JSON lines: topic, partition, offset, key, headers, schema id, type, payload
 *
 * A topic is named as in the contracts (`mart.orders.order.v1`); KAFKA_TOPIC_PREFIX, when set, is applied.
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import type { KafkaMessage } from 'kafkajs';
import protobuf from 'protobufjs';
import { allStreams } from '../proto/streams';
import { loadConfig } from '../src/config/config';
import { createLogger } from '../src/logging/logger';
import { headerString } from '../src/messaging/cloud-events';
import { consumerGroupLag, createKafka, deadLetterTopic, topicEnds } from '../src/messaging/kafka';
import { TopicNames } from '../src/messaging/topic-names';
import { consumerGroups } from '../host/module-subscriptions';
import { unframe } from '../src/messaging/wire-format';
import { operatorSasl } from '../src/messaging/kafka-principals';

const config = loadConfig(process.env, { requireJwtSecret: false });
const logger = createLogger({ level: 'error', name: 'events' });
const kafka = createKafka({ brokers: config.kafka.brokers, clientId: 'mart-events-cli', logger, sasl: operatorSasl() });
const topics = new TopicNames(config.kafka.topicPrefix);

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  if (command === 'list') return list();
  if (command === 'tail') return tail(rest);
  console.error('usage: npm run events -- list | tail <topic> [--from-beginning] [--key <id>] [--type <EventType>] [--max <n>]');
  process.exitCode = 2;
}

async function list(): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    console.log('topic                                      partitions   events   dead letters');
    for (const stream of allStreams) {
      const topic = topics.physical(stream.topic);
      if (!existing.has(topic)) {
        console.log(`${stream.topic.padEnd(42)} (not created yet)`);
        continue;
      }
      const offsets = await admin.fetchTopicOffsets(topic);
      const dlq = deadLetterTopic(topic);
      const deadLetters = existing.has(dlq) ? count(await admin.fetchTopicOffsets(dlq)) : 0;
      console.log(`${stream.topic.padEnd(42)} ${String(offsets.length).padStart(10)} ${String(count(offsets)).padStart(8)} ${String(deadLetters).padStart(14)}`);
    }
    console.log('\nconsumer group                             lag (events not yet handled, per topic)');
    const read = allStreams.map((s) => topics.physical(s.topic)).filter((t) => existing.has(t));
    const ends = await topicEnds(admin, read);
    for (const groupId of await consumerGroups(config, logger)) {
      const lags = await consumerGroupLag(admin, groupId, read, ends);
      const shown = [...lags].map(([topic, lag]) => `${topics.logical(topic)} ${lag}`).join(', ');
      console.log(`${groupId.padEnd(42)} ${shown || '(reads nothing yet)'}`);
    }
  } finally {
    await admin.disconnect();
  }
}

function count(offsets: Array<{ low: string; high: string }>): number {
  return offsets.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
}

async function tail(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { 'from-beginning': { type: 'boolean' }, key: { type: 'string' }, type: { type: 'string' }, max: { type: 'string' } },
  });
  const [logical] = positionals;
  if (!logical) throw new Error('tail needs a topic, e.g. mart.orders.order.v1');
  const topic = topics.physical(logical);
  const max = values.max === undefined ? Infinity : Number(values.max);
  const schemas = new RegistrySchemas(config.schemaRegistryUrl);
  const consumer = kafka.consumer({ groupId: `mart-events-tail-${randomUUID()}` });
  let printed = 0;
  const stop = async () => {
    await consumer.disconnect().catch(() => undefined);
  };
  process.once('SIGINT', () => void stop());
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: values['from-beginning'] === true });
  const finished = new Promise<void>((resolve) => {
    void consumer.run({
      eachMessage: async ({ partition, message }) => {
        if (printed >= max) return;
        const event = await decode(schemas, logical, partition, message);
        if (values.key && event.key !== values.key) return;
        if (values.type && event.type !== values.type && !event.type.endsWith(`.${values.type}`)) return;
        process.stdout.write(`${JSON.stringify(event)}\n`);
        printed += 1;
        if (printed >= max) resolve();
      },
    });
  });
  await finished;
  await stop();
}

async function decode(schemas: RegistrySchemas, topic: string, partition: number, message: KafkaMessage) {
  const headers = Object.fromEntries(Object.keys(message.headers ?? {}).map((name) => [name, headerString(message.headers, name)]));
  const base = { topic, partition, offset: message.offset, timestamp: new Date(Number(message.timestamp)).toISOString(), key: message.key?.toString() ?? null, headers };
  try {
    const framed = unframe(message.value ?? Buffer.alloc(0));
    const type = await schemas.messageType(framed.schemaId, framed.messageIndexes);
    const payload = type.toObject(type.decode(framed.payload), { longs: Number, enums: String, defaults: false, oneofs: true });
    return { ...base, schemaId: framed.schemaId, type: headers.ce_type ?? type.fullName.replace(/^\./, ''), payload };
  } catch (error) {
    return { ...base, schemaId: null, type: headers.ce_type ?? 'unknown', payload: null, error: (error as Error).message };
  }
}

/** Schemas fetched from the registry by id, as Confluent's deserializers do, and kept for the session. */
class RegistrySchemas {
  private readonly files = new Map<number, Promise<protobuf.Namespace>>();

  constructor(private readonly baseUrl: string) {}

  /** Message indexes address a message by its position among the file's top-level messages, then nested ones. */
  async messageType(schemaId: number, messageIndexes: readonly number[]): Promise<protobuf.Type> {
    let scope: protobuf.Namespace = await this.file(schemaId);
    let type: protobuf.Type | undefined;
    for (const index of messageIndexes.length > 0 ? messageIndexes : [0]) {
      type = scope.nestedArray.filter((nested): nested is protobuf.Type => nested instanceof protobuf.Type)[index];
      if (!type) throw new Error(`schema ${schemaId} has no message at index ${messageIndexes.join('.')}`);
      scope = type;
    }
    return type!;
  }

  /** The schema's package namespace, holding its messages in the order the file declares them. */
  private file(schemaId: number): Promise<protobuf.Namespace> {
    let file = this.files.get(schemaId);
    if (!file) {
      file = fetch(`${this.baseUrl}/schemas/ids/${schemaId}`)
        .then(async (response) => {
          if (!response.ok) throw new Error(`registry answered ${response.status} for schema ${schemaId}`);
          return ((await response.json()) as { schema: string }).schema;
        })
        .then((text) => {
          const parsed = protobuf.parse(text);
          return parsed.package ? (parsed.root.lookup(parsed.package) as protobuf.Namespace) : parsed.root;
        });
      this.files.set(schemaId, file);
    }
    return file;
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
