import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Knex } from 'knex';
import { UserStream } from '../../proto/streams';
import { onEvent } from '../../src/messaging/event-handler';
import type { ModuleConsumer } from '../../src/messaging/module-consumer';
import { recordEvent } from '../../src/messaging/outbox';
import { startService, stopService } from '../../test/local-infrastructure';
import { RelayProcess, waitForLockHolder } from '../../test/relay-process';
import { createScratchSchema, startScratchConsumer } from '../../test/scratch-schema';
import { startTestStack, type TestStack } from '../../test/test-stack';
import { waitFor } from '../../test/wait-for';

jest.setTimeout(240_000);

/**
 * PostgreSQL and Kafka restarted under running processes, as a crash or a managed failover does: the relay
 * (two processes, active and standby) and the API (in this process: HTTP, every module's consumers and
 * background tasks, and a consumer of the test's own) carry on without anyone restarting them. An unhandled
 * 'error' event or rejection in this process fails the test run; a relay that died shows in its exit code.
 */
describe('processes ride out restarts of PostgreSQL and Kafka', () => {
  let stack: TestStack;
  let scratch: Knex;
  let consumer: ModuleConsumer;
  let relays: RelayProcess[];
  const aggregates = Array.from({ length: 5 }, () => randomUUID());
  let round = 0;

  /** One event per aggregate, recorded once the database takes writes again. */
  async function writeRound(): Promise<void> {
    round += 1;
    for (const userId of aggregates) {
      await waitFor(
        'the database to take a write',
        async () => {
          await stack.db('users').transaction((trx) => recordEvent(trx, UserStream, userId, 'userProfileUpdated', { userId, name: String(round) }));
          return true;
        },
        { timeoutMs: 60_000, intervalMs: 250 },
      );
    }
  }

  async function expectEveryRoundHandledOnceInOrder(): Promise<void> {
    const expected = aggregates.length * round;
    await waitFor('every event to be handled', async () => (await scratch('received').count<{ n: number }[]>('* as n'))[0].n >= expected, {
      timeoutMs: 120_000,
      intervalMs: 200,
    });
    const rows: { aggregate_id: string; sequence: number }[] = await scratch('received').orderBy('id').select('aggregate_id', 'sequence');
    expect(rows).toHaveLength(expected);
    for (const id of aggregates) {
      expect(rows.filter((r) => r.aggregate_id === id).map((r) => r.sequence)).toEqual(Array.from({ length: round }, (_, i) => i + 1));
    }
  }

  function expectRelaysRunning(): void {
    for (const relay of relays) {
      expect({ pid: relay.pid, exitCode: relay.child.exitCode, signal: relay.child.signalCode }).toEqual({ pid: relay.pid, exitCode: null, signal: null });
      expect(relay.output.join('')).not.toMatch(/Unhandled|uncaught|Emitted 'error' event/i);
    }
  }

  beforeAll(async () => {
    stack = await startTestStack({ relay: false, consumers: true });
    scratch = await createScratchSchema(stack.config.database.url, 'infrastructure_restart_test');
    consumer = await startScratchConsumer(stack, scratch, 'infrastructure-restart-test', [
      onEvent(UserStream, 'userProfileUpdated', 'record-in-order', async (trx, payload, envelope) => {
        if (!aggregates.includes(envelope.aggregateId as (typeof aggregates)[number])) return;
        await trx('received').insert({ event_id: envelope.eventId, aggregate_id: envelope.aggregateId, sequence: Number(payload.name), handler: 'restart' });
      }),
    ]);
    relays = [RelayProcess.start(), RelayProcess.start()];
    await writeRound();
    await expectEveryRoundHandledOnceInOrder();
  });

  afterAll(async () => {
    await Promise.all(relays.map((r) => r.kill('SIGTERM')));
    await consumer.stop();
    await scratch.destroy();
    await stack.stop();
  });

  it('PostgreSQL shut down immediately and started 5 s later: readiness and requests say so (503), then events flow again', async () => {
    await stopService('postgres', { immediate: true });
    await waitFor('readiness to report postgres down', async () => {
      const response = await fetch(`${stack.baseUrl}/health/ready`);
      const body = (await response.json()) as { checks: { postgres: { status: string } } };
      return response.status === 503 && body.checks.postgres.status === 'down';
    });
    expect((await fetch(`${stack.baseUrl}/health/live`)).status).toBe(200);
    const duringOutage = await fetch(`${stack.baseUrl}/products`);
    expect({ status: duringOutage.status, retryAfter: duringOutage.headers.get('retry-after'), body: await duringOutage.json() }).toMatchObject({
      status: 503,
      retryAfter: '5',
      body: { code: 'SERVICE.UNAVAILABLE' },
    });
    await sleep(5000);
    await startService('postgres');

    await writeRound();
    await writeRound();
    await expectEveryRoundHandledOnceInOrder();
    await waitForLockHolder(stack.config.database.url, 'users', relays);
    expect((await fetch(`${stack.baseUrl}/health/ready`)).status).toBe(200);
    expectRelaysRunning();
  });

  it('Kafka stopped and started again: events recorded meanwhile and afterwards arrive once, in order', async () => {
    await stopService('kafka');
    await writeRound();
    await startService('kafka');

    await writeRound();
    await expectEveryRoundHandledOnceInOrder();
    expectRelaysRunning();
  });
});
