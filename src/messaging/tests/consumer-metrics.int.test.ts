import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { UserStream } from '../../../proto/streams';
import { createKafka } from '../kafka';
import { TopicNames } from '../topic-names';
import { startTestStack, type TestStack } from '../../../test/test-stack';
import { waitFor } from '../../../test/wait-for';
import { operatorSasl } from '../kafka-principals';

/** An operator sees on the metrics port how the module consumers are doing: batch times and what became of each message. */
describe('consumer metrics', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack({ relay: true });
  });

  afterAll(async () => {
    await stack.stop();
  });

  const metric = async (name: string, labels: string): Promise<number> => {
    const { text } = await request(`http://127.0.0.1:${stack.api.metricsPort}`).get('/metrics').expect(200);
    const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && l.includes(labels));
    return line ? Number(line.split(' ').at(-1)) : 0;
  };
  const notifications = () => `group="${stack.config.kafka.consumerGroupPrefix}.notifications"`;

  it('counts the messages a group handled and times its batches', async () => {
    const group = notifications();
    const before = await metric('mart_consumer_events_total', `${group},outcome="handled"`);
    const registered = await request(stack.baseUrl)
      .post('/auth/register')
      .send({ email: `metrics-${randomUUID()}@example.com`, password: 'correct horse battery', name: 'Grace Hopper' });
    expect(registered.status).toBe(202);

    // Notifications welcomes every new customer: its group handles the UserRegistered event.
    await waitFor('notifications to handle the registration', async () => (await metric('mart_consumer_events_total', `${group},outcome="handled"`)) > before, {
      timeoutMs: 30_000,
    });
    expect(await metric('mart_consumer_batch_duration_seconds_count', group)).toBeGreaterThan(0);
  });

  it('counts a message it could not decode as dead-lettered', async () => {
    const group = notifications();
    const before = await metric('mart_consumer_events_total', `${group},outcome="dead_lettered"`);
    const producer = createKafka({ brokers: stack.config.kafka.brokers, clientId: 'metrics-test', logger: stack.logger, sasl: operatorSasl() }).producer();
    await producer.connect();
    const topic = new TopicNames(stack.config.kafka.topicPrefix).physical(UserStream.topic);
    await producer.send({ topic, messages: [{ key: randomUUID(), value: Buffer.from('not a framed message') }] });
    await producer.disconnect();

    await waitFor('the undecodable message to be dead-lettered', async () => (await metric('mart_consumer_events_total', `${group},outcome="dead_lettered"`)) > before, {
      timeoutMs: 30_000,
    });
  });
});
