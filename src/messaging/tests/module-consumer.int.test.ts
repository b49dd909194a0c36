import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Consumer, Kafka } from 'kafkajs';
import type { Knex } from 'knex';
import { UserStream, type mart } from '../../../proto/streams';
import { onEvent, onEvents } from '../event-handler';
import { createKafka, deadLetterTopic } from '../kafka';
import type { ModuleConsumer } from '../module-consumer';
import { recordEvent } from '../outbox';
import { TopicNames } from '../topic-names';
import { frame } from '../wire-format';
import { startTestStack, type TestStack } from '../../../test/test-stack';
import { createScratchSchema, startScratchConsumer } from '../../../test/scratch-schema';
import { waitFor } from '../../../test/wait-for';
import { operatorSasl } from '../kafka-principals';

type UserEvent = mart.users.v1.UserEvent;

describe('module consumers', () => {
  let stack: TestStack;
  let scratch: Knex;
  let kafka: Kafka;
  let topics: TopicNames;
  const consumers: ModuleConsumer[] = [];
  const poisoned = new Set<string>();
  const deadLetters: { key: string; headers: Record<string, string> }[] = [];
  let deadLetterReader: Consumer;

  const recordInOrder = onEvent(UserStream, 'userProfileUpdated', 'record-profile-updates', async (trx, payload, envelope) => {
    if (poisoned.has(envelope.aggregateId)) throw new Error(`cannot handle ${envelope.aggregateId}`);
    await trx('received').insert({
      event_id: envelope.eventId,
      aggregate_id: envelope.aggregateId,
      sequence: Number(payload.name),
      handler: 'record-profile-updates',
    });
  });

  async function startConsumer(name: string): Promise<ModuleConsumer> {
    const consumer = await startScratchConsumer(stack, scratch, name, [recordInOrder]);
    consumers.push(consumer);
    return consumer;
  }

  async function publishProfileUpdate(userId: string, sequence: number): Promise<string> {
    const recorded = await stack.db('users').transaction((trx) =>
      recordEvent(trx, UserStream, userId, 'userProfileUpdated', { userId, name: String(sequence), email: `${userId}@example.com` }),
    );
    return recorded.eventId;
  }

  beforeAll(async () => {
    // Small relay batches, so that the ordering test runs many batches in flight across the relay's producers.
    stack = await startTestStack({ relay: true, consumers: false, env: { RELAY_BATCH_SIZE: '7' } });
    scratch = await createScratchSchema(stack.config.database.url, 'consumer_test');
    kafka = createKafka({ brokers: stack.config.kafka.brokers, clientId: 'consumer-test', logger: stack.logger, sasl: operatorSasl() });
    topics = new TopicNames(stack.config.kafka.topicPrefix);
    await startConsumer('consumer-test');
    deadLetterReader = kafka.consumer({ groupId: `dlq-reader-${randomUUID()}` });
    await deadLetterReader.connect();
    await deadLetterReader.subscribe({ topic: deadLetterTopic(topics.physical(UserStream.topic)), fromBeginning: true });
    await deadLetterReader.run({
      eachMessage: async ({ message }) => {
        const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]));
        deadLetters.push({ key: message.key?.toString() ?? '', headers });
      },
    });
  });

  afterAll(async () => {
    await deadLetterReader.disconnect();
    await Promise.all(consumers.map((c) => c.stop()));
    await scratch.destroy();
    await stack.stop();
  });

  it('delivers 1,000 events over 50 aggregates in per-aggregate order', async () => {
    const aggregates = Array.from({ length: 50 }, () => randomUUID());
    // Fifty writers at once, each committing its aggregate's twenty events one transaction after another.
    await Promise.all(
      aggregates.map(async (id) => {
        for (let sequence = 1; sequence <= 20; sequence += 1) await publishProfileUpdate(id, sequence);
      }),
    );

    await waitFor(
      'all 1,000 events to be handled',
      async () => {
        const [{ n }] = await scratch('received').whereIn('aggregate_id', aggregates).count<{ n: number }[]>('* as n');
        return Number(n) === 1000;
      },
      { timeoutMs: 60_000 },
    );
    const rows: { aggregate_id: string; sequence: number }[] = await scratch('received')
      .whereIn('aggregate_id', aggregates)
      .orderBy('id')
      .select('aggregate_id', 'sequence');
    for (const id of aggregates) {
      const sequences = rows.filter((r) => r.aggregate_id === id).map((r) => r.sequence);
      expect(sequences).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    }
  });

  it('writes the events a batch records to the outbox in the order recorded, and none from a failed attempt', async () => {
    const echoes = await createScratchSchema(stack.config.database.url, 'consumer_echo_test');
    const aggregates = Array.from({ length: 5 }, () => randomUUID());
    const failing = aggregates[2];
    for (let sequence = 1; sequence <= 20; sequence += 1) {
      await Promise.all(aggregates.map((id) => publishProfileUpdate(id, sequence)));
    }
    await waitFor('the events to reach Kafka', async () => (await scratch('received').whereIn('aggregate_id', aggregates)).length === 100, {
      timeoutMs: 30_000,
    });

    // A group started after the fact finds 100 messages waiting, so it handles them in batches. Its handler records a
    // follow-up event, then fails for one aggregate's sequence 7 every time: the batch's transaction is rolled back
    // and its messages are handled one at a time, the failing one dead-lettered.
    const echo = onEvent(UserStream, 'userProfileUpdated', 'echo-profile-updates', async (trx, payload, envelope) => {
      await recordEvent(trx, UserStream, envelope.aggregateId, 'userProfileUpdated', { userId: envelope.aggregateId, name: payload.name });
      if (envelope.aggregateId === failing && payload.name === '7') throw new Error('echo refused');
    });
    const echoing = await startScratchConsumer(stack, echoes, 'consumer-echo-test', [echo], { maxAttempts: 1 });
    // The group reads the topic from its start, earlier tests' events too: it is done with these when all 99
    // follow-ups are written and the refused one is dead-lettered.
    await waitFor('every event to be handled or dead-lettered', async () => {
      const [{ n }] = await echoes('outbox').whereIn('message_key', aggregates).count<{ n: number }[]>('* as n');
      return Number(n) >= 99 && deadLetters.some((d) => d.key === failing && d.headers.dlq_handler === 'echo-profile-updates');
    });
    await sleep(300);

    const outbox: Array<{ id: string; message_key: string; payload: Buffer }> = await echoes('outbox').orderBy('id').select('id', 'message_key', 'payload');
    const sequencesOf = (id: string) =>
      outbox.filter((row) => row.message_key === id).map((row) => Number(UserStream.codec.decode(row.payload).userProfileUpdated?.name));
    const allTwenty = Array.from({ length: 20 }, (_, i) => i + 1);
    for (const id of aggregates) expect(sequencesOf(id)).toEqual(id === failing ? allTwenty.filter((n) => n !== 7) : allTwenty);
    const pending = await echoes('outbox_pending').orderBy('id').pluck('id');
    expect(pending).toEqual(outbox.map((row) => row.id));
    await echoing.stop();
    await echoes.destroy();
  });

  it('gives a redelivered event no second effect', async () => {
    const userId = randomUUID();
    const eventId = await publishProfileUpdate(userId, 1);
    await waitFor('the first delivery', async () => (await scratch('received').where({ event_id: eventId })).length === 1);

    // A second group re-reads the topic from the beginning: every event is delivered again.
    await startConsumer('consumer-test-replay');
    const marker = randomUUID();
    const markerEventId = await publishProfileUpdate(marker, 1);
    await waitFor('the replaying group to pass the marker', async () => {
      const [{ n }] = await scratch('inbox').where({ event_id: markerEventId }).count<{ n: number }[]>('* as n');
      return Number(n) >= 1 && (await scratch('received').where({ event_id: markerEventId })).length === 1;
    });
    await sleep(500);
    expect(await scratch('received').where({ event_id: eventId })).toHaveLength(1);
    expect(await scratch('received').where({ event_id: markerEventId })).toHaveLength(1);
  });

  it('dead-letters a poison message with its coordinates and keeps processing the partition', async () => {
    const poison = randomUUID();
    poisoned.add(poison);
    const poisonEventId = await publishProfileUpdate(poison, 1);
    const after = await Promise.all(Array.from({ length: 10 }, () => publishProfileUpdate(randomUUID(), 1)));

    const letter = await waitFor('the poison message in the DLQ', () => deadLetters.find((d) => d.headers.ce_id === poisonEventId));
    expect(letter.key).toBe(poison);
    expect(letter.headers).toMatchObject({
      dlq_original_topic: topics.physical(UserStream.topic),
      dlq_handler: 'record-profile-updates',
      dlq_attempts: '3',
      ce_type: 'mart.users.v1.UserProfileUpdated',
    });
    expect(letter.headers.dlq_reason).toContain(`cannot handle ${poison}`);
    expect(Number(letter.headers.dlq_original_offset)).toBeGreaterThanOrEqual(0);
    await waitFor('later events to be handled', async () => (await scratch('received').whereIn('event_id', after)).length === 10);
    expect(await scratch('received').where({ event_id: poisonEventId })).toHaveLength(0);
  });

  it('skips event types it does not know, from a newer producer, and dead-letters undecodable bytes', async () => {
    const producer = kafka.producer();
    await producer.connect();
    const topic = topics.physical(UserStream.topic);
    const key = randomUUID();
    // An envelope carrying a oneof case (field 99) that this build has never heard of.
    const known = Buffer.from(UserStream.codec.encode(UserStream.codec.create({ eventId: randomUUID(), aggregateId: key })).finish());
    const unknownCase = Buffer.concat([known, Buffer.from([0x9a, 0x06, 0x02, 0x08, 0x01])]);
    await producer.send({ topic, messages: [{ key, value: frame(1, [0], unknownCase) }] });
    const garbageKey = randomUUID();
    await producer.send({ topic, messages: [{ key: garbageKey, value: Buffer.from('not a framed message') }] });
    await producer.disconnect();
    const eventId = await publishProfileUpdate(key, 7);

    await waitFor('the known event after them', async () => (await scratch('received').where({ event_id: eventId })).length === 1);
    const envelope: UserEvent = UserStream.codec.decode(unknownCase);
    expect(envelope.event).toBeUndefined();
    const garbage = await waitFor('the undecodable message in the DLQ', () => deadLetters.find((d) => d.key === garbageKey));
    expect(garbage.headers.dlq_reason).toMatch(/magic byte/);
    expect(deadLetters.some((d) => d.key === key)).toBe(false);
  });
  it('handles a batch of new events, duplicates, a refusal and a failure: each new event once, only the failure retried', async () => {
    const topic = topics.physical(UserStream.topic);
    const [a, b, c, d, e] = Array.from({ length: 5 }, () => randomUUID());
    const attempts = new Map<string, number>();
    const batches: string[][] = [];
    const handler = onEvents(UserStream, 'userProfileUpdated', 'mixed-batch', async (trx, events, effects) => {
      batches.push(events.map((event) => event.envelope.eventId));
      for (const event of events) {
        const id = event.envelope.aggregateId;
        attempts.set(event.envelope.eventId, (attempts.get(event.envelope.eventId) ?? 0) + 1);
        if (id === e) throw new Error('cannot handle this one');
        if (id === d) effects.refuse(event, 'the business says no');
        else await trx('received').insert({ event_id: event.envelope.eventId, aggregate_id: id, sequence: Number(event.payload.name), handler: 'mixed-batch' });
      }
    });
    const event = (aggregateId: string, sequence: number) =>
      UserStream.codec.create({ eventId: randomUUID(), aggregateId, userProfileUpdated: { userId: aggregateId, name: String(sequence) } });
    const send = async (events: mart.users.v1.UserEvent[]) => {
      const producer = kafka.producer();
      await producer.connect();
      const messages = events.map((ev) => ({ key: ev.aggregateId, partition: 0, value: frame(1, [0], Buffer.from(UserStream.codec.encode(ev).finish())) }));
      await producer.send({ topic, messages });
      await producer.disconnect();
    };

    // An event handled by the group before: its inbox row is there when it comes again.
    const earlier = event(b, 1);
    await send([earlier]);
    const first = await startScratchConsumer(stack, scratch, 'consumer-mixed-batch', [handler], { maxAttempts: 3 });
    // Other handlers of this file read the same topic into the same table: only this handler's rows count.
    await waitFor('the earlier event', async () => (await scratch('received').where({ event_id: earlier.eventId, handler: 'mixed-batch' })).length === 1);
    await first.stop();

    // Then one fetch: new events, the earlier one again, a duplicate inside the batch, a refusal, a failure.
    const [a1, c1, a2] = [event(a, 1), event(c, 1), event(a, 2)];
    const refused = event(d, 1);
    const failing = event(e, 1);
    await send([a1, earlier, c1, c1, refused, failing, a2]);
    const second = await startScratchConsumer(stack, scratch, 'consumer-mixed-batch', [handler], { maxAttempts: 3 });
    consumers.push(second);
    await waitFor('the failing event in the DLQ', () => deadLetters.find((letter) => letter.key === e && letter.headers.dlq_handler === 'mixed-batch'));
    // The event after the failing one is handled after the failure is dead-lettered.
    await waitFor('the event after the failing one', async () => (await scratch('received').where({ event_id: a2.eventId, handler: 'mixed-batch' })).length === 1);

    const received: Array<{ event_id: string }> = await scratch('received')
      .where({ handler: 'mixed-batch' })
      .whereIn('aggregate_id', [a, b, c, d, e])
      .orderBy('id');
    expect(received.map((row) => row.event_id)).toEqual([earlier.eventId, a1.eventId, c1.eventId, a2.eventId]);
    const inbox = await scratch('inbox').where({ consumer: 'mixed-batch' }).whereIn('event_id', [refused.eventId, failing.eventId]);
    expect(inbox.map((row) => [row.event_id, row.outcome, row.refusal])).toEqual([[refused.eventId, 'refused', 'the business says no']]);
    // The handler had the round's four new events at once (then, after the rollback, one at a time); only the failure was retried.
    expect(batches.some((batch) => [a1, c1, refused, failing].every((ev) => batch.includes(ev.eventId)))).toBe(true);
    expect(attempts.get(failing.eventId)).toBe(1 + 3);
    expect(attempts.get(a1.eventId)).toBe(2);
    expect(attempts.get(refused.eventId)).toBe(2);
    const letter = deadLetters.find((l) => l.key === e)!;
    expect(letter.headers.dlq_attempts).toBe('3');
  });
});
