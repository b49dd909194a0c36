import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { OrderStream } from '../../proto/streams';
import { recordEvent } from '../../src/messaging/outbox';
import { projectRoot } from '../../src/project-root';
import { startTestStack, type TestStack } from '../../test/test-stack';

const run = promisify(execFile);

/** `npm run events`, run as an operator runs it, against events the relay really published. */
describe('the events command', () => {
  let stack: TestStack;
  const orderId = randomUUID();
  const customerId = randomUUID();

  beforeAll(async () => {
    stack = await startTestStack({ relay: true, consumers: true });
    const total = { amountMinor: 2500, currency: 'EUR' };
    await stack.db('orders').transaction(async (trx) => {
      await recordEvent(trx, OrderStream, orderId, 'orderPlaced', { orderId, customerId, lines: [], total, subtotal: total });
    });
    await stack.db('orders').transaction(async (trx) => {
      await recordEvent(trx, OrderStream, orderId, 'orderPaid', { orderId, customerId, total, paymentId: randomUUID(), lines: [] });
    });
  });

  afterAll(async () => {
    await stack.stop();
  });

  const events = (...args: string[]) =>
    run(process.execPath, ['--import', 'tsx', path.join(projectRoot(), 'scripts', 'events.ts'), ...args], {
      cwd: projectRoot(),
      env: { ...process.env, KAFKA_TOPIC_PREFIX: stack.config.kafka.topicPrefix, SCHEMA_REGISTRY_URL: stack.config.schemaRegistryUrl },
      timeout: 60_000,
    });

  it("tails a placed order's events decoded with the registry's schema, as JSON lines", async () => {
    const { stdout } = await events('tail', OrderStream.topic, '--from-beginning', '--key', orderId, '--max', '2');
    const lines = stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines.map((e) => e.type)).toEqual(['mart.orders.v1.OrderPlaced', 'mart.orders.v1.OrderPaid']);
    const [placed] = lines;
    expect(placed).toMatchObject({ topic: OrderStream.topic, key: orderId, headers: { ce_subject: orderId, ce_source: '/mart/orders' } });
    expect(placed.payload.orderPlaced).toMatchObject({ orderId, customerId, total: { amountMinor: 2500, currency: 'EUR' } });
    expect(typeof placed.schemaId).toBe('number');
    expect(Number(placed.offset)).toBeGreaterThanOrEqual(0);
    expect(placed.headers.traceparent).toMatch(/^00-/);
  });

  it('filters by event type', async () => {
    const { stdout } = await events('tail', OrderStream.topic, '--from-beginning', '--key', orderId, '--type', 'OrderPaid', '--max', '1');
    expect(JSON.parse(stdout.trim()).payload.orderPaid.orderId).toBe(orderId);
  });

  it('lists topics, consumer group lag and dead letters', async () => {
    const { stdout } = await events('list');
    expect(stdout).toMatch(new RegExp(`^${OrderStream.topic.replaceAll('.', '\\.')}\\s+3\\s+\\d+\\s+\\d+$`, 'm'));
    expect(stdout).toContain(`${stack.config.kafka.consumerGroupPrefix}.payments`);
    expect(stdout).toMatch(/mart\.orders\.order\.v1 \d+/);
  });
});
