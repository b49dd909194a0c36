import { randomUUID } from 'node:crypto';
import { UserStream, type mart } from '../../proto/streams';
import { recordEvent } from '../../src/messaging/outbox';
import { EventProbe } from '../../test/event-probe';
import { startTestStack, type TestStack } from '../../test/test-stack';
import { waitFor } from '../../test/wait-for';

/** The value of one series in Prometheus' text format, or undefined when it is not there. */
function metricValue(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('the relay publishes what modules commit to their outbox', () => {
  let stack: TestStack;
  let probe: EventProbe<mart.users.v1.UserEvent>;

  beforeAll(async () => {
    stack = await startTestStack({ relay: true, consumers: false });
    probe = await EventProbe.start(stack.config, UserStream);
  });

  afterAll(async () => {
    await probe.stop();
    await stack.stop();
  });

  it('delivers a committed event with CloudEvents headers, keyed by aggregate id', async () => {
    const userId = randomUUID();
    await stack.db('users').transaction((trx) =>
      recordEvent(trx, UserStream, userId, 'userRegistered', { userId, email: 'a@example.com', name: 'A', role: 'customer' }),
    );

    const event = await probe.waitFor('UserRegistered', (e) => e.aggregateId === userId);
    const received = probe.received.find((r) => r.envelope.aggregateId === userId)!;
    expect(event.userRegistered?.email).toBe('a@example.com');
    expect(received.key).toBe(userId);
    expect(received.headers).toMatchObject({
      ce_specversion: '1.0',
      ce_id: event.eventId,
      ce_type: 'mart.users.v1.UserRegistered',
      ce_source: '/mart/users',
      'content-type': 'application/x-protobuf',
    });
    expect(received.headers.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
  });

  it('reports what it publishes on its Prometheus endpoint', async () => {
    const metricsUrl = `http://127.0.0.1:${stack.relay!.metricsPort}/metrics`;
    const publishedBefore = metricValue(await (await fetch(metricsUrl)).text(), 'mart_relay_published_events_total{outbox="users"}') ?? 0;
    const userId = randomUUID();
    await stack.db('users').transaction((trx) =>
      recordEvent(trx, UserStream, userId, 'userRoleChanged', { userId, role: 'admin' }),
    );
    await probe.waitFor('the event', (e) => e.aggregateId === userId);

    const metrics = await waitFor('the published count to go up', async () => {
      const text = await (await fetch(metricsUrl)).text();
      return (metricValue(text, 'mart_relay_published_events_total{outbox="users"}') ?? 0) > publishedBefore && text;
    });
    expect(metricValue(metrics, 'mart_relay_outbox_active{outbox="users"}')).toBe(1);
    expect(metricValue(metrics, 'mart_relay_outbox_backlog{outbox="users"}')).toBeGreaterThanOrEqual(0);
    expect(metricValue(metrics, 'mart_relay_outbox_oldest_unpublished_age_seconds{outbox="users"}')).toBeGreaterThanOrEqual(0);
  });

  it('publishes nothing from a rolled-back transaction', async () => {
    const rolledBack = randomUUID();
    const committed = randomUUID();
    await expect(
      stack.db('users').transaction(async (trx) => {
        await recordEvent(trx, UserStream, rolledBack, 'userRoleChanged', { userId: rolledBack, role: 'admin' });
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    await stack.db('users').transaction((trx) =>
      recordEvent(trx, UserStream, committed, 'userRoleChanged', { userId: committed, role: 'admin' }),
    );

    await probe.waitFor('the committed event', (e) => e.aggregateId === committed);
    expect(probe.received.some((r) => r.envelope.aggregateId === rolledBack)).toBe(false);
    expect(await stack.db('users')('outbox').where({ message_key: rolledBack }).count('* as n')).toEqual([{ n: 0 }]);
  });
});

describe('published outbox rows', () => {
  let stack: TestStack;
  let probe: EventProbe<mart.users.v1.UserEvent>;

  beforeAll(async () => {
    stack = await startTestStack({
      relay: true,
      consumers: false,
      env: { RELAY_RETENTION_HOURS: '0', RELAY_CLEANUP_INTERVAL_MS: '100' },
    });
    probe = await EventProbe.start(stack.config, UserStream);
  });

  afterAll(async () => {
    await probe.stop();
    await stack.stop();
  });

  it('are deleted once past the retention, after they reached Kafka', async () => {
    const userId = randomUUID();
    const { eventId } = await stack.db('users').transaction((trx) =>
      recordEvent(trx, UserStream, userId, 'userRoleChanged', { userId, role: 'admin' }),
    );
    await waitFor('the published row to be deleted', async () => (await stack.db('users')('outbox').where({ event_id: eventId })).length === 0);
    await probe.waitFor('the event on Kafka', (e) => e.eventId === eventId);
  });
});
