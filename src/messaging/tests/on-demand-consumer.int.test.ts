import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Admin } from 'kafkajs';
import type { Knex } from 'knex';
import { UserStream } from '../../../proto/streams';
import { Outages } from '../../health/outages';
import { onEvent } from '../event-handler';
import { createKafka } from '../kafka';
import { operatorSasl } from '../kafka-principals';
import { OnDemandConsumer } from '../on-demand-consumer';
import { recordEvent } from '../outbox';
import { startTestStack, type TestStack } from '../../../test/test-stack';
import { createScratchSchema, scratchConsumer } from '../../../test/scratch-schema';
import { waitFor } from '../../../test/wait-for';

describe('an on-demand side group', () => {
  let stack: TestStack;
  let scratch: Knex;
  let admin: Admin;
  let onDemand: OnDemandConsumer;
  let wanted = false;
  const name = `on-demand-${randomUUID().slice(0, 8)}`;
  const ours = new Set<string>();

  const recordOurs = onEvent(UserStream, 'userProfileUpdated', 'record-on-demand', async (trx, payload, envelope) => {
    if (!ours.has(envelope.aggregateId)) return;
    await trx('received').insert({ event_id: envelope.eventId, aggregate_id: envelope.aggregateId, sequence: Number(payload.name), handler: 'record-on-demand' });
  });

  async function publish(): Promise<string> {
    const userId = randomUUID();
    ours.add(userId);
    await stack.db('users').transaction((trx) => recordEvent(trx, UserStream, userId, 'userProfileUpdated', { userId, name: '1', email: `${userId}@example.com` }));
    return userId;
  }

  const handled = async (userId: string) => (await scratch('received').where({ aggregate_id: userId })).length;
  const members = async () => (await admin.describeGroups([`${stack.config.kafka.consumerGroupPrefix}.${name}`])).groups[0].members.length;

  beforeAll(async () => {
    stack = await startTestStack({ relay: true, consumers: false });
    scratch = await createScratchSchema(stack.config.database.url, 'on_demand_test');
    admin = createKafka({ brokers: stack.config.kafka.brokers, clientId: name, logger: stack.logger, sasl: operatorSasl() }).admin();
    await admin.connect();
    onDemand = new OnDemandConsumer({
      name,
      create: () => scratchConsumer(stack, scratch, name, [recordOurs]),
      wanted: async () => wanted,
      checkEveryMs: 200,
      logger: stack.logger,
      outages: new Outages(stack.logger),
    });
    onDemand.start();
  });

  afterAll(async () => {
    await onDemand?.stop();
    await admin?.disconnect();
    await scratch?.destroy();
    await stack?.stop();
  });

  it('runs only while wanted, and when wanted again handles every event published while it was stopped, once', async () => {
    const early = await publish();
    await sleep(1500);
    expect(await handled(early)).toBe(0);
    expect(await members()).toBe(0);

    wanted = true;
    await waitFor('the consumer to start and handle the earlier event', async () => (await handled(early)) === 1);
    expect(await members()).toBe(1);

    wanted = false;
    await waitFor('the consumer to stop', async () => (await members()) === 0);
    const whileStopped = await publish();
    await sleep(1500);
    expect(await handled(whileStopped)).toBe(0);

    wanted = true;
    await waitFor('the event published while stopped to be handled', async () => (await handled(whileStopped)) === 1);
    await sleep(500);
    expect([await handled(early), await handled(whileStopped)]).toEqual([1, 1]);
  });
});
