import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Knex } from 'knex';
import { UserStream } from '../../proto/streams';
import { onEvent } from '../../src/messaging/event-handler';
import type { ModuleConsumer } from '../../src/messaging/module-consumer';
import { recordEvent } from '../../src/messaging/outbox';
import { startRelay, type RunningRelay } from '../relay';
import { createScratchSchema, startScratchConsumer } from '../../test/scratch-schema';
import { SwitchableNetwork } from '../../test/switchable-network';
import { startTestStack, type TestStack } from '../../test/test-stack';
import { waitFor } from '../../test/wait-for';

describe('the relay through a broker outage', () => {
  let stack: TestStack;
  let scratch: Knex;
  let consumer: ModuleConsumer;
  let relay: RunningRelay;
  const network = new SwitchableNetwork();

  beforeAll(async () => {
    stack = await startTestStack({ relay: false, consumers: false });
    scratch = await createScratchSchema(stack.config.database.url, 'relay_outage_test');
    consumer = await startScratchConsumer(stack, scratch, 'relay-outage-test', [
      onEvent(UserStream, 'userProfileUpdated', 'record-in-order', async (trx, payload, envelope) => {
        await trx('received').insert({
          event_id: envelope.eventId,
          aggregate_id: envelope.aggregateId,
          sequence: Number(payload.name),
          handler: 'outage',
        });
      }),
    ]);
    relay = await startRelay(stack.config, stack.logger, { modules: ['users'], socketFactory: network.socketFactory });
  });

  afterAll(async () => {
    network.restore();
    await relay.stop();
    await consumer.stop();
    await scratch.destroy();
    await stack.stop();
  });

  it('keeps retrying, loses nothing, keeps per-aggregate order and drains the backlog when Kafka returns', async () => {
    const aggregates = Array.from({ length: 10 }, () => randomUUID());
    let sequence = 0;
    const writeRound = async () => {
      sequence += 1;
      for (const userId of aggregates) {
        await stack.db('users').transaction((trx) =>
          recordEvent(trx, UserStream, userId, 'userProfileUpdated', { userId, name: String(sequence) }),
        );
      }
    };
    const handled = async () => (await scratch('received').whereIn('aggregate_id', aggregates)).length;

    for (let i = 0; i < 5; i += 1) await writeRound();
    await waitFor('the first rounds to arrive', async () => (await handled()) === 50);

    network.cut();
    for (let i = 0; i < 10; i += 1) await writeRound();
    await sleep(3000);
    const backlog = await stack.db('users')('outbox_pending').count<{ n: number }[]>('* as n');
    expect(Number(backlog[0].n)).toBe(100);
    expect(await handled()).toBe(50);

    network.restore();
    await waitFor('the backlog to drain', async () => (await handled()) === 150, { timeoutMs: 60_000 });
    const rows: { aggregate_id: string; sequence: number }[] = await scratch('received')
      .whereIn('aggregate_id', aggregates)
      .orderBy('id')
      .select('aggregate_id', 'sequence');
    for (const id of aggregates) {
      expect(rows.filter((r) => r.aggregate_id === id).map((r) => r.sequence)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    }
  });
});
