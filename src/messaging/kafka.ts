import { setTimeout as sleep } from 'node:timers/promises';
import { Kafka, logLevel, type Admin, type ISocketFactory, type ITopicConfig, type LogEntry, type SASLOptions } from 'kafkajs';
import type { EventStream } from '../../proto/streams';
import type { Logger } from '../logging/logger';
import type { TopicNames } from './topic-names';

/** A client signed in as one principal (`sasl`, from kafka-principals.ts's saslFor), or anonymous without. */
export function createKafka(options: {
  brokers: string[];
  clientId: string;
  logger: Logger;
  sasl?: SASLOptions;
  socketFactory?: ISocketFactory;
}): Kafka {
  const log = options.logger.child({ component: 'kafkajs' });
  return new Kafka({
    clientId: options.clientId,
    brokers: options.brokers,
    logLevel: logLevel.WARN,
    retry: { initialRetryTime: 200, retries: 8 },
    ...(options.sasl ? { sasl: options.sasl, ssl: false } : {}),
    ...(options.socketFactory ? { socketFactory: options.socketFactory } : {}),
    logCreator:
      () =>
      ({ level, log: entry }: LogEntry) => {
        const { message, ...rest } = entry;
        if (level <= logLevel.ERROR) log.error(rest, message);
        else if (level === logLevel.WARN) log.warn(rest, message);
        else log.debug(rest, message);
      },
  });
}

export function deadLetterTopic(topic: string): string {
  return `${topic}.dlq`;
}

/** Creates each stream's topic and its dead-letter topic if missing; safe to call from every process. */
export async function ensureTopics(
  admin: Admin,
  topicNames: TopicNames,
  streams: readonly EventStream[],
  partitions: number,
): Promise<void> {
  const existing = new Set(await admin.listTopics());
  const wanted: ITopicConfig[] = [];
  for (const stream of streams) {
    const topic = topicNames.physical(stream.topic);
    if (!existing.has(topic)) wanted.push({ topic, numPartitions: partitions, replicationFactor: -1, configEntries: configEntriesOf(stream) });
    const deadLetters = deadLetterTopic(topic);
    if (!existing.has(deadLetters)) wanted.push({ topic: deadLetters, numPartitions: partitions, replicationFactor: -1 });
  }
  if (wanted.length === 0) return;
  try {
    await admin.createTopics({ topics: wanted, waitForLeaders: true });
  } catch (error) {
    const type = kafkaErrorType(error);
    // Another process may have created them in the meantime.
    if (type === 'TOPIC_ALREADY_EXISTS') return;
    // Created, but a broker just started may not list them in its metadata yet: kafkajs waits for leaders only
    // through LEADER_NOT_AVAILABLE, so wait for them here.
    if (type !== 'UNKNOWN_TOPIC_OR_PARTITION') throw error;
    await untilLeadersElected(admin, wanted.map((config) => config.topic));
  }
}

function configEntriesOf(stream: EventStream): Array<{ name: string; value: string }> {
  return Object.entries(stream.topicConfig ?? {}).map(([name, value]) => ({ name, value }));
}

/** A kafkajs protocol error's type, also when a retrier wrapped it. */
function kafkaErrorType(error: unknown): string | undefined {
  const { type, originalError } = error as { type?: string; originalError?: { type?: string } };
  return type ?? originalError?.type;
}

const METADATA_SETTLING = new Set(['UNKNOWN_TOPIC_OR_PARTITION', 'LEADER_NOT_AVAILABLE']);

/** Polls the topics' metadata until every partition has a leader, tolerating the errors metadata raises meanwhile. */
export async function untilLeadersElected(
  admin: Pick<Admin, 'fetchTopicMetadata'>,
  topics: string[],
  { timeoutMs = 30_000, intervalMs = 200 } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const { topics: found } = await admin.fetchTopicMetadata({ topics });
      if (found.length === topics.length && found.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0))) return;
    } catch (error) {
      if (!METADATA_SETTLING.has(kafkaErrorType(error) ?? '')) throw error;
    }
    if (Date.now() > deadline) throw new Error(`the partitions of ${topics.join(', ')} had no leaders after ${timeoutMs} ms`);
    await sleep(intervalMs);
  }
}

/** The end offset of every partition of these topics, keyed `<topic>/<partition>`: one read for many lag figures. */
export async function topicEnds(admin: Admin, topics: readonly string[]): Promise<Map<string, number>> {
  const ends = new Map<string, number>();
  for (const topic of topics) {
    for (const p of await admin.fetchTopicOffsets(topic)) ends.set(`${topic}/${p.partition}`, Number(p.high));
  }
  return ends;
}

/**
 * How many events a consumer group has not handled yet, per topic it reads. Topics it never committed an offset
 * on are left out: it does not subscribe to them.
 */
export async function consumerGroupLag(admin: Admin, groupId: string, topics: readonly string[], ends: Map<string, number>): Promise<Map<string, number>> {
  const lag = new Map<string, number>();
  for (const { topic, partitions } of await admin.fetchOffsets({ groupId, topics: [...topics] })) {
    const committed = partitions.filter((p) => Number(p.offset) >= 0);
    if (committed.length === 0) continue;
    lag.set(topic, committed.reduce((sum, p) => sum + Math.max(0, (ends.get(`${topic}/${p.partition}`) ?? 0) - Number(p.offset)), 0));
  }
  return lag;
}
