import type { Producer } from 'kafkajs';
import type { Envelope, EventCase, EventPayload, EventStream } from '../proto/streams';
import { toTopicMessages } from '../relay/outbox-rows';
import type { Config } from '../src/config/config';
import { createLogger } from '../src/logging/logger';
import { createKafka } from '../src/messaging/kafka';
import { kafkaPrincipals, saslFor } from '../src/messaging/kafka-principals';
import { outboxRows, recordedEvent, type RecordedEvent } from '../src/messaging/outbox';
import { registryWriter, StreamSchemas } from '../src/messaging/schema-registry';
import { TopicNames } from '../src/messaging/topic-names';

/** What delivering an upstream event needs of a test stack: this run's configuration. */
export interface UpstreamTarget {
  config: Config;
}

interface Sender {
  producer: Producer;
  schemas: StreamSchemas;
  topicNames: TopicNames;
}

const senders = new WeakMap<Config, Promise<Sender>>();

/**
 * The one way a test delivers an event from upstream: encoded, framed and sent to the stream's topic exactly as
 * the relay sends the owning module's outbox rows (as the relay's principal), so the module under test consumes
 * it like any other. The owning module need not run: a module can be tested alone.
 */
export async function publishUpstream<E extends Envelope, K extends EventCase<E>>(
  target: UpstreamTarget,
  stream: EventStream<E>,
  aggregateId: string,
  event: K,
  payload: EventPayload<E, K>,
): Promise<UpstreamEvent> {
  const { producer, schemas, topicNames } = await senderFor(target.config);
  const [row] = outboxRows(stream, [{ aggregateId, event, payload }]);
  const schemaId = await schemas.register(stream);
  const topicMessages = toTopicMessages([{ ...row, id: 0, traceparent: row.headers.traceparent }], { [stream.topic]: schemaId }, topicNames);
  const send = async () => {
    await producer.sendBatch({ topicMessages, acks: -1 });
  };
  await send();
  return { ...recordedEvent(row), resend: send };
}

/** An event a test delivered; `resend` delivers the very same message again, as a relay that publishes at least once may. */
export interface UpstreamEvent extends RecordedEvent {
  resend(): Promise<void>;
}

/** Disconnects the producer a stack's upstream events went through (safe when none did). */
export async function stopUpstream(target: UpstreamTarget): Promise<void> {
  const sender = senders.get(target.config);
  senders.delete(target.config);
  if (sender) await (await sender).producer.disconnect();
}

function senderFor(config: Config): Promise<Sender> {
  let sender = senders.get(config);
  if (!sender) {
    sender = (async () => {
      const kafka = createKafka({
        brokers: config.kafka.brokers,
        clientId: 'test-upstream',
        logger: createLogger({ level: 'silent', name: 'test-upstream' }),
        sasl: saslFor(config.kafka.credentials, kafkaPrincipals.relay),
      });
      const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
      await producer.connect();
      const topicNames = new TopicNames(config.kafka.topicPrefix);
      return { producer, schemas: new StreamSchemas(config.schemaRegistryUrl, topicNames, registryWriter(config)), topicNames };
    })();
    senders.set(config, sender);
  }
  return sender;
}
