import { Kafka, logLevel, type Admin, type ISocketFactory, type ITopicConfig, type LogEntry } from 'kafkajs';
import type { EventStream } from '../../proto/streams';
import type { Logger } from '../logging/logger';
import type { TopicNames } from './topic-names';

export function createKafka(options: { brokers: string[]; clientId: string; logger: Logger; socketFactory?: ISocketFactory }): Kafka {
  const log = options.logger.child({ component: 'kafkajs' });
  return new Kafka({
    clientId: options.clientId,
    brokers: options.brokers,
    logLevel: logLevel.WARN,
    retry: { initialRetryTime: 200, retries: 8 },
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
    for (const name of [topic, deadLetterTopic(topic)]) {
      if (!existing.has(name)) wanted.push({ topic: name, numPartitions: partitions, replicationFactor: -1 });
    }
  }
  if (wanted.length === 0) return;
  try {
    await admin.createTopics({ topics: wanted, waitForLeaders: true });
  } catch (error) {
    // Another process may have created them in the meantime.
    if ((error as { type?: string }).type !== 'TOPIC_ALREADY_EXISTS') throw error;
  }
}
