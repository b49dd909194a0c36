import type { TopicMessages } from 'kafkajs';
import { streamForTopic } from '../proto/streams';
import { cloudEventHeaders } from '../src/messaging/cloud-events';
import type { TopicNames } from '../src/messaging/topic-names';
import { frame } from '../src/messaging/wire-format';

/** One unpublished outbox row as the relay reads it. */
export interface OutboxRow {
  id: number;
  event_id: string;
  topic: string;
  message_key: string;
  event_type: string;
  payload: Buffer;
  traceparent: string | null;
  occurred_at: string;
}

/** Registry schema id per logical topic (e.g. `mart.users.user.v1` → 7). */
export type SchemaIdsByTopic = Readonly<Record<string, number>>;

/** The rows as Kafka messages, grouped by physical topic: Confluent-framed values, CloudEvents headers. */
export function toTopicMessages(rows: readonly OutboxRow[], schemaIds: SchemaIdsByTopic, topicNames: TopicNames): TopicMessages[] {
  const byTopic = new Map<string, TopicMessages>();
  for (const row of rows) {
    const stream = streamForTopic(row.topic);
    const schemaId = schemaIds[row.topic];
    if (!stream || schemaId === undefined) throw new Error(`outbox row ${row.id} names topic ${row.topic}, which has no registered schema`);
    const entry = byTopic.get(row.topic) ?? { topic: topicNames.physical(row.topic), messages: [] };
    entry.messages.push({
      key: row.message_key,
      value: frame(schemaId, [0], row.payload),
      headers: cloudEventHeaders({
        eventId: row.event_id,
        eventType: row.event_type,
        module: stream.module,
        aggregateId: row.message_key,
        occurredAt: row.occurred_at,
        traceparent: row.traceparent ?? undefined,
      }),
    });
    byTopic.set(row.topic, entry);
  }
  return [...byTopic.values()];
}
