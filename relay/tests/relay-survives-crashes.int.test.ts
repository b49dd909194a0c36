import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { UserStream } from '../../proto/streams';
import { onEvent } from '../../src/messaging/event-handler';
import type { ModuleConsumer } from '../../src/messaging/module-consumer';
import { recordEvents } from '../../src/messaging/outbox';
import { RelayProcess, waitForLockHolder } from '../../test/relay-process';
import { createScratchSchema, startScratchConsumer } from '../../test/scratch-schema';
import { startTestStack, type TestStack } from '../../test/test-stack';
import { waitFor } from '../../test/wait-for';

describe('the relay survives crashes', () => {
  let stack: TestStack;
  let scratch: Knex;
  let consumer: ModuleConsumer;
  const relays: RelayProcess[] = [];

  const startRelay = () => {
    const relay = RelayProcess.start({ RELAY_LOCK_RETRY_MS: '1000' });
    relays.push(relay);
    return relay;
  };

  async function handledCount(aggregateIds: string[]): Promise<{ rows: number; distinct: number }> {
    const [row] = await scratch('received')
      .whereIn('aggregate_id', aggregateIds)
      .select(scratch.raw('count(*)::int as rows'), scratch.raw('count(distinct event_id)::int as distinct'));
    return row as { rows: number; distinct: number };
  }

  async function writeEvents(aggregateIds: string[], perTransaction: number, transactions: number): Promise<string[]> {
    const ids: string[] = [];
    for (let t = 0; t < transactions; t += 1) {
      const recorded = await stack.db('users').transaction((trx) =>
        recordEvents(
          trx,
          UserStream,
          Array.from({ length: perTransaction }, (_, i) => {
            const userId = aggregateIds[(t * perTransaction + i) % aggregateIds.length];
            return { aggregateId: userId, event: 'userProfileUpdated' as const, payload: { userId, name: String(t) } };
          }),
        ),
      );
      ids.push(...recorded.map((r) => r.eventId));
    }
    return ids;
  }

  beforeAll(async () => {
    stack = await startTestStack({ relay: false, consumers: false });
    scratch = await createScratchSchema(stack.config.database.url, 'relay_crash_test');
    consumer = await startScratchConsumer(stack, scratch, 'relay-crash-test', [
      onEvent(UserStream, 'userProfileUpdated', 'count-profile-updates', async (trx, _payload, envelope) => {
        await trx('received').insert({ event_id: envelope.eventId, aggregate_id: envelope.aggregateId, sequence: 0, handler: 'count' });
      }),
    ]);
  });

  afterEach(async () => {
    await Promise.all(relays.splice(0).map((r) => r.kill()));
  });

  afterAll(async () => {
    await consumer.stop();
    await scratch.destroy();
    await stack.stop();
  });

  it('delivers every event when the relay is SIGKILLed mid-stream and restarted; the inbox absorbs duplicates', async () => {
    const aggregates = Array.from({ length: 20 }, () => randomUUID());
    const first = startRelay();
    await waitForLockHolder(stack.config.database.url, 'users', [first]);
    const writing = writeEvents(aggregates, 10, 200);

    await waitFor('the stream to be flowing', async () => (await handledCount(aggregates)).rows >= 300, { timeoutMs: 30_000 });
    await first.kill('SIGKILL');
    expect(first.child.signalCode).toBe('SIGKILL');
    startRelay();
    const written = await writing;

    await waitFor('all 2,000 events to be handled', async () => (await handledCount(aggregates)).rows >= written.length, {
      timeoutMs: 60_000,
    });
    expect(await handledCount(aggregates)).toEqual({ rows: 2000, distinct: 2000 });
    // Rows are marked published in the background after Kafka acknowledges them, so a consumer can handle the
    // last batch a moment before its rows leave outbox_pending; the queue must still drain, not stay behind.
    await waitFor('the outbox to be marked fully published', async () => {
      const [{ unpublished }] = await stack.db('users')('outbox_pending').count<{ unpublished: number }[]>('* as unpublished');
      return Number(unpublished) === 0;
    }, { timeoutMs: 10_000 });
  });

  it('lets a standby take the outbox over within 5 seconds of the active relay dying', async () => {
    const pair = [startRelay(), startRelay()];
    const active = await waitForLockHolder(stack.config.database.url, 'users', pair);
    const aggregate = randomUUID();
    await writeEvents([aggregate], 1, 1);
    await waitFor('the active relay to publish', async () => (await handledCount([aggregate])).rows === 1);

    const killedAt = Date.now();
    await active.kill('SIGKILL');
    await writeEvents([aggregate], 1, 1);
    await waitFor('the standby to publish', async () => (await handledCount([aggregate])).rows === 2, { timeoutMs: 10_000, intervalMs: 20 });
    const takeoverMs = Date.now() - killedAt;

    const standby = pair.find((relay) => relay !== active)!;
    expect(await waitForLockHolder(stack.config.database.url, 'users', pair)).toBe(standby);
    expect(takeoverMs).toBeLessThan(5000);
  });
});
