import { Partitioners, type IHeaders, type Kafka, type Producer } from 'kafkajs';
import type { Logger } from '../../logging/logger';
import { deadLetterTopic } from '../kafka';
import type { Delivery } from './delivery';

/** Sends what cannot be handled to `<topic>.dlq`, unchanged, with headers saying where it came from and why. */
export class DeadLetters {
  private readonly producer: Producer;

  constructor(
    kafka: Kafka,
    private readonly groupId: string,
    private readonly log: Logger,
  ) {
    this.producer = kafka.producer({ allowAutoTopicCreation: true, createPartitioner: Partitioners.DefaultPartitioner });
  }

  connect(): Promise<void> {
    return this.producer.connect();
  }

  disconnect(): Promise<void> {
    return this.producer.disconnect();
  }

  async send({ topic, partition, message: original }: Delivery, handler: string, attempts: number, error: unknown): Promise<void> {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const headers: IHeaders = {
      ...original.headers,
      dlq_reason: reason.slice(0, 2000),
      dlq_handler: handler,
      dlq_attempts: String(attempts),
      dlq_consumer_group: this.groupId,
      dlq_original_topic: topic,
      dlq_original_partition: String(partition),
      dlq_original_offset: original.offset,
      dlq_failed_at: new Date().toISOString(),
    };
    await this.producer.send({
      topic: deadLetterTopic(topic),
      acks: -1,
      messages: [{ key: original.key, value: original.value, headers }],
    });
    this.log.error({ err: error, topic, partition, offset: original.offset, handler, attempts }, 'message dead-lettered');
  }
}
