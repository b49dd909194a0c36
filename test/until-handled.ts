import type { EventStream } from '../proto/streams';
import type { Config } from '../src/config/config';
import { createLogger } from '../src/logging/logger';
import { createKafka, topicEnds } from '../src/messaging/kafka';
import { consumerGroupId } from '../src/messaging/consumer-groups';
import { TopicNames } from '../src/messaging/topic-names';
import type { ModuleName } from '../src/module-names';
import { operatorSasl } from '../src/messaging/kafka-principals';
import { waitFor } from './wait-for';

/**
 * Waits until a module has handled every event of these streams that Kafka held when called: its consumer group has
 * committed up to each partition's end. What a test sent with publishUpstream is in Kafka already, so this is how
 * a test (or a step, in any deployment) knows the module has seen it, without reading the module's tables.
 */
export async function untilHandled(config: Config, module: ModuleName, streams: readonly EventStream[]): Promise<void> {
  const kafka = createKafka({ brokers: config.kafka.brokers, clientId: 'until-handled', sasl: operatorSasl(), logger: createLogger({ level: 'error', name: 'until-handled' }) });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const topicNames = new TopicNames(config.kafka.topicPrefix);
    const topics = streams.map((stream) => topicNames.physical(stream.topic));
    const ends = await topicEnds(admin, topics);
    const groupId = consumerGroupId(config.kafka.consumerGroupPrefix, module);
    await waitFor(`${module} to handle ${topics.join(', ')}`, async () => {
      const committed = await admin.fetchOffsets({ groupId, topics });
      return committed.every(({ topic, partitions }) =>
        partitions.every((p) => Number(p.offset) >= (ends.get(`${topic}/${p.partition}`) ?? 0) || (ends.get(`${topic}/${p.partition}`) ?? 0) === 0),
      );
    });
  } finally {
    await admin.disconnect();
  }
}
