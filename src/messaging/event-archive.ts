import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import type { Envelope, EventStream } from '../../proto/streams';
import type { Logger } from '../logging/logger';
import { decodeDelivery } from './consumer/delivery';
import type { TopicNames } from './topic-names';

/** An event read back from its topic, with the time the broker gave it. */
export interface ArchivedEvent {
  stream: EventStream;
  envelope: Envelope;
  /** Kafka's timestamp of the message (the relay's publishing time), ms since the epoch. */
  publishedAt: number;
}

export interface ArchiveReading {
  /** How many events were read in the range. */
  events: number;
  /**
   * A partition's log starts after `from`: retention has deleted its older messages, some of which may have been in
   * the range, so the reading may miss events at its start.
   */
  truncated: boolean;
  /** The reading stopped at `maxEvents`; later events of the range were not read. */
  limitReached: boolean;
}

/**
 * Events read back from Kafka by time, for a module that must hand out again what it saw (webhook replay). A module
 * gets one reading its own subscribed topics as its own principal; it is not a consumer of record: nothing is committed.
 */
export interface EventArchive {
  /**
   * Every event of the streams that the broker stamped in [from, to), partition by partition in offset order (so each
   * aggregate's events in order), handed to `onEvents` a fetched batch at a time.
   */
  read(
    streams: readonly EventStream[],
    range: { from: Date; to: Date },
    onEvents: (events: ArchivedEvent[]) => Promise<void>,
    maxEvents: number,
  ): Promise<ArchiveReading>;
}

const READ_TIMEOUT_MS = 120_000;

export class KafkaEventArchive implements EventArchive {
  constructor(
    private readonly options: {
      /** Signed in as the module's principal: offsets are looked up and messages read with its rights. */
      kafka: Kafka;
      topicNames: TopicNames;
      /** A group name prefix the principal may use (`<prefix>.replay.<module>`); each reading adds a random suffix. */
      groupPrefix: string;
      logger: Logger;
    },
  ) {}

  async read(
    streams: readonly EventStream[],
    range: { from: Date; to: Date },
    onEvents: (events: ArchivedEvent[]) => Promise<void>,
    maxEvents: number,
  ): Promise<ArchiveReading> {
    const streamOf = new Map(streams.map((stream) => [this.options.topicNames.physical(stream.topic), stream]));
    const { bounds, truncated } = await boundsOf(this.options.kafka, [...streamOf.keys()], range);
    if (bounds.size === 0) return { events: 0, truncated, limitReached: false };

    const consumer = this.options.kafka.consumer({ groupId: `${this.options.groupPrefix}.${randomUUID()}`, maxWaitTimeInMs: 100, retry: { retries: 8 } });
    let read = 0;
    let limitReached = false;
    let failed: unknown;
    const pending = new Set(bounds.keys());
    let done!: () => void;
    const finished = new Promise<void>((resolve) => (done = resolve));
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: [...streamOf.keys()], fromBeginning: false });
      await consumer.run({
        autoCommit: false,
        eachBatch: async ({ batch }) => {
          const key = `${batch.topic}/${batch.partition}`;
          const bound = bounds.get(key);
          if (!bound || !pending.has(key) || failed) return;
          const events: ArchivedEvent[] = [];
          for (const message of batch.messages) {
            const offset = Number(message.offset);
            if (offset < bound.start || offset >= bound.end) continue;
            if (read + events.length >= maxEvents) {
              limitReached = true;
              break;
            }
            const stream = streamOf.get(batch.topic)!;
            try {
              const { envelope } = decodeDelivery(stream, { topic: batch.topic, partition: batch.partition, message });
              events.push({ stream, envelope, publishedAt: Number(message.timestamp) });
            } catch (error) {
              this.options.logger.warn({ err: error, topic: batch.topic, partition: batch.partition, offset }, 'unreadable event skipped in a reading');
            }
          }
          try {
            if (events.length > 0) await onEvents(events);
          } catch (error) {
            failed = error;
            done();
            return;
          }
          read += events.length;
          if (limitReached || Number(batch.lastOffset()) + 1 >= bound.end) pending.delete(key);
          if (limitReached || pending.size === 0) done();
        },
      });
      for (const key of bounds.keys()) {
        const [topic, partition] = splitKey(key);
        consumer.seek({ topic, partition, offset: String(bounds.get(key)!.start) });
      }
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`the events were not read within ${READ_TIMEOUT_MS / 1000} s`)), READ_TIMEOUT_MS);
      });
      try {
        await Promise.race([finished, timedOut]);
      } finally {
        clearTimeout(timer);
      }
    } finally {
      await consumer.disconnect();
    }
    if (failed) throw failed;
    return { events: read, truncated, limitReached };
  }
}

/** Per topic and partition: the first offset in the range and the first after it (only partitions with events in it). */
async function boundsOf(kafka: Kafka, topics: readonly string[], range: { from: Date; to: Date }) {
  const bounds = new Map<string, { start: number; end: number }>();
  let truncated = false;
  const admin = kafka.admin();
  await admin.connect();
  try {
    for (const topic of topics) {
      const [starts, ends, logs] = await Promise.all([
        admin.fetchTopicOffsetsByTimestamp(topic, range.from.getTime()),
        admin.fetchTopicOffsetsByTimestamp(topic, range.to.getTime()),
        admin.fetchTopicOffsets(topic),
      ]);
      for (const { partition, offset } of starts) {
        const start = Number(offset);
        const end = Number(ends.find((e) => e.partition === partition)?.offset ?? start);
        const low = Number(logs.find((l) => l.partition === partition)?.low ?? 0);
        if (start === low && low > 0) truncated = true;
        if (start < end) bounds.set(`${topic}/${partition}`, { start, end });
      }
    }
  } finally {
    await admin.disconnect();
  }
  return { bounds, truncated };
}

function splitKey(key: string): [string, number] {
  const at = key.lastIndexOf('/');
  return [key.slice(0, at), Number(key.slice(at + 1))];
}
