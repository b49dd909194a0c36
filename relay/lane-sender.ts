import { setTimeout as sleep } from 'node:timers/promises';
import { Partitioners, type Kafka, type Producer } from 'kafkajs';
import type { Logger } from '../src/logging/logger';
import type { TopicNames } from '../src/messaging/topic-names';
import { toTopicMessages, type OutboxRow, type SchemaIdsByTopic } from './outbox-rows';
import { splitIntoLanes } from './publish-lanes';

/**
 * Sends one outbox's batches through `lanes` idempotent producers (acks=all, one request in flight each).
 * Each lane is a queue: a batch's part for a lane goes out only after the same lane's part of every earlier
 * batch was acknowledged (or given up), so an aggregate's events, which always share a lane, reach Kafka in
 * outbox order, while different lanes and successive batches overlap. A part is retried with backoff
 * through broker outages until Kafka acknowledges it or the sender is stopped.
 */
export class LaneSender {
  private readonly producers: (Producer | undefined)[];
  private readonly laneTails: Promise<unknown>[];
  private readonly stopping = new AbortController();

  constructor(
    private readonly options: { kafka: Kafka; lanes: number; topicNames: TopicNames; logger: Logger },
  ) {
    this.producers = Array.from({ length: options.lanes }, () => undefined);
    this.laneTails = Array.from({ length: options.lanes }, () => Promise.resolve());
  }

  /** The ids of the rows Kafka acknowledged: all of them, unless the sender was stopped first. */
  async send(rows: readonly OutboxRow[], schemaIds: SchemaIdsByTopic): Promise<number[]> {
    const parts = splitIntoLanes(rows, this.producers.length).map((laneRows, lane) => {
      if (laneRows.length === 0) return Promise.resolve([]);
      const part = this.laneTails[lane].then(() => this.sendLane(lane, laneRows, schemaIds));
      this.laneTails[lane] = part.catch(() => undefined);
      return part.then((acknowledged) => (acknowledged ? laneRows.map((row) => row.id) : []));
    });
    return (await Promise.all(parts)).flat();
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await Promise.all(this.producers.map((producer) => producer?.disconnect().catch(() => undefined)));
  }

  private async sendLane(lane: number, rows: OutboxRow[], schemaIds: SchemaIdsByTopic): Promise<boolean> {
    const topicMessages = toTopicMessages(rows, schemaIds, this.options.topicNames);
    for (let attempt = 1; !this.stopping.signal.aborted; attempt += 1) {
      try {
        const producer = this.producers[lane] ?? (await this.connectLane(lane));
        if (!producer) return false;
        await producer.sendBatch({ acks: -1, topicMessages });
        if (attempt > 1) this.options.logger.info({ attempt, lane }, 'kafka is back, publishing resumed');
        return true;
      } catch (error) {
        this.options.logger.warn({ err: error, attempt, lane, rows: rows.length }, 'publishing failed, will retry');
        await sleep(Math.min(200 * 2 ** Math.min(attempt - 1, 5), 5000), undefined, { signal: this.stopping.signal }).catch(() => undefined);
        // A fresh producer gets a fresh producer id and sequence numbers after a failed idempotent send.
        await this.producers[lane]?.disconnect().catch(() => undefined);
        this.producers[lane] = undefined;
      }
    }
    return false;
  }

  /** Connects the lane's producer; undefined if the sender was stopped meanwhile (nothing is left connected). */
  private async connectLane(lane: number): Promise<Producer | undefined> {
    const producer = await this.connectProducer();
    if (this.stopping.signal.aborted) {
      await producer.disconnect().catch(() => undefined);
      return undefined;
    }
    this.producers[lane] = producer;
    return producer;
  }

  private async connectProducer(): Promise<Producer> {
    const producer = this.options.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
      // The idempotent producer wants unlimited retries; maxRetryTime bounds one send so an outage surfaces here.
      retry: { retries: Number.MAX_SAFE_INTEGER, maxRetryTime: 10_000 },
    });
    await producer.connect();
    return producer;
  }
}
