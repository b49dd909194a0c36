import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import request from 'supertest';
import { OrderStream } from '../../../../proto/streams';
import { SmtpTestServer } from '../../../../test/smtp-test-server';
import { startTestStack, type TestStack } from '../../../../test/test-stack';
import { publishUpstream } from '../../../../test/upstream-event';
import { waitFor } from '../../../../test/wait-for';
import { WebhookReceiver, type ReceivedWebhook } from '../../../../test/webhook-receiver';
import { bearer, registerUser } from '../upstream-events';

describe('webhooks: signed, retried, ordered and replayable deliveries to a real HTTP receiver', () => {
  let stack: TestStack;
  let smtp: SmtpTestServer;
  let admin: string;

  beforeAll(async () => {
    smtp = await SmtpTestServer.start();
    stack = await startTestStack({
      modules: ['notifications'],
      env: {
        SMTP_URL: smtp.url,
        NOTIFICATION_DISPATCH_INTERVAL_MS: '50',
        WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
        WEBHOOK_DISPATCH_INTERVAL_MS: '50',
        WEBHOOK_RETRY_BASE_MS: '300',
        WEBHOOK_DISABLE_AFTER_FAILURES: '4',
        WEBHOOK_DISABLE_AFTER_HOURS: '0',
        WEBHOOK_TIMEOUT_MS: '1000',
      },
    });
    admin = await bearer(stack, randomUUID(), 'admin');
  });

  afterAll(async () => {
    await stack?.stop();
    await smtp?.stop();
  });

  const api = () => request(stack.baseUrl);

  async function register(receiver: WebhookReceiver, eventTypes: string[]): Promise<{ id: string; secret: string }> {
    const response = await api().post('/webhook-endpoints').set('authorization', admin).send({ url: receiver.url, eventTypes, description: 'test' });
    expect(response.status).toBe(201);
    return { id: response.body.endpoint.id as string, secret: response.body.secret as string };
  }

  /** An order event sent to its topic as the relay would; returns its id. */
  async function orderEvent(orderId: string, event: 'orderPaid' | 'orderCancelled' = 'orderPaid'): Promise<string> {
    const total = { amountMinor: 1500, currency: 'EUR' };
    const recorded =
      event === 'orderPaid'
        ? await publishUpstream(stack, OrderStream, orderId, 'orderPaid', { orderId, customerId: randomUUID(), paymentId: randomUUID(), total, lines: [] })
        : await publishUpstream(stack, OrderStream, orderId, 'orderCancelled', { orderId, customerId: randomUUID(), reason: 'test', refundRequired: false });
    return recorded.eventId;
  }

  async function deliveries(endpointId: string, eventId?: string) {
    const response = await api()
      .get(`/webhook-endpoints/${endpointId}/deliveries${eventId ? `?eventId=${eventId}` : ''}`)
      .set('authorization', admin);
    expect(response.status).toBe(200);
    return response.body.items as Array<Record<string, unknown>>;
  }

  function headersOf(received: ReceivedWebhook): Record<string, string> {
    return {
      'webhook-id': String(received.headers['webhook-id']),
      'webhook-timestamp': String(received.headers['webhook-timestamp']),
      'webhook-signature': String(received.headers['webhook-signature']),
    };
  }

  it('signs each delivery as Standard Webhooks verifies it, with both secrets while a rotation overlaps', async () => {
    const receiver = await WebhookReceiver.start();
    try {
      const endpoint = await register(receiver, ['orders.OrderPaid']);
      const orderId = randomUUID();
      const eventId = await orderEvent(orderId);
      const [first] = await receiver.waitForDelivered('the paid order', 1, (r) => r.json.aggregateId === orderId);
      expect(first.headers['webhook-id']).toBe(eventId);
      expect(first.json).toMatchObject({ type: 'orders.OrderPaid', aggregateId: orderId, data: { orderId, total: { amountMinor: '1500', currency: 'EUR' } } });
      expect(first.json.cloudevent).toMatchObject({ specversion: '1.0', id: eventId, type: 'mart.orders.v1.OrderPaid', source: '/mart/orders', subject: orderId });
      expect(() => new Webhook(endpoint.secret).verify(first.body, headersOf(first))).not.toThrow();
      expect(() => new Webhook(`whsec_${Buffer.alloc(32, 7).toString('base64')}`).verify(first.body, headersOf(first))).toThrow();
      expect(() => new Webhook(endpoint.secret).verify(first.body.replace('1500', '1'), headersOf(first))).toThrow();

      const rotated = await api().post(`/webhook-endpoints/${endpoint.id}/rotate-secret`).set('authorization', admin).send({ oldSecretExpiresInHours: 1 });
      expect(rotated.status).toBe(200);
      expect(rotated.body.secret).not.toBe(endpoint.secret);
      expect(rotated.body.endpoint.secrets).toHaveLength(2);
      const secondOrder = randomUUID();
      await orderEvent(secondOrder);
      const [second] = await receiver.waitForDelivered('the second paid order', 1, (r) => r.json.aggregateId === secondOrder);
      expect(String(second.headers['webhook-signature']).split(' ')).toHaveLength(2);
      expect(() => new Webhook(endpoint.secret).verify(second.body, headersOf(second))).not.toThrow();
      expect(() => new Webhook(rotated.body.secret as string).verify(second.body, headersOf(second))).not.toThrow();

      const cut = await api().post(`/webhook-endpoints/${endpoint.id}/rotate-secret`).set('authorization', admin).send({ oldSecretExpiresInHours: 0 });
      const thirdOrder = randomUUID();
      await orderEvent(thirdOrder);
      const [third] = await receiver.waitForDelivered('the third paid order', 1, (r) => r.json.aggregateId === thirdOrder);
      expect(String(third.headers['webhook-signature']).split(' ')).toHaveLength(1);
      expect(() => new Webhook(cut.body.secret as string).verify(third.body, headersOf(third))).not.toThrow();
      expect(() => new Webhook(rotated.body.secret as string).verify(third.body, headersOf(third))).toThrow();

      const listed = await api().get(`/webhook-endpoints/${endpoint.id}`).set('authorization', admin);
      expect(JSON.stringify(listed.body)).not.toContain('whsec_');
      const stored = await stack.db('notifications')('webhook_endpoints').where({ id: endpoint.id }).first();
      expect(JSON.stringify(stored)).not.toContain(cut.body.secret.slice(6, 20));
    } finally {
      await receiver.stop();
    }
  });

  it('retries a failing delivery with growing waits, each attempt signed afresh, until it succeeds', async () => {
    const receiver = await WebhookReceiver.start();
    receiver.answer = ({ attempt }) => (attempt < 3 ? { status: 503 } : { status: 200 });
    try {
      const endpoint = await register(receiver, ['orders.OrderPaid']);
      const orderId = randomUUID();
      const eventId = await orderEvent(orderId);
      await receiver.waitForDelivered('the third attempt to succeed', 1, (r) => r.json.aggregateId === orderId);
      const attempts = receiver.ofAggregate(orderId);
      expect(attempts.map((a) => a.status)).toEqual([503, 503, 200]);
      const gaps = [attempts[1].receivedAt - attempts[0].receivedAt, attempts[2].receivedAt - attempts[1].receivedAt];
      // 300 ms then 600 ms ceilings, each with up to half taken off.
      expect(gaps[0]).toBeGreaterThanOrEqual(140);
      expect(gaps[1]).toBeGreaterThanOrEqual(290);
      expect(new Set(attempts.map((a) => a.headers['webhook-timestamp'])).size).toBeGreaterThanOrEqual(1);
      for (const a of attempts) expect(() => new Webhook(endpoint.secret).verify(a.body, headersOf(a))).not.toThrow();
      const [delivery] = await waitFor('the delivery to be recorded as succeeded', async () => {
        const found = await deliveries(endpoint.id, eventId);
        return found[0]?.status === 'SUCCEEDED' ? found : undefined;
      });
      expect(delivery).toMatchObject({ status: 'SUCCEEDED', attempts: 3, lastStatusCode: 200, nextAttemptAt: null });
    } finally {
      await receiver.stop();
    }
  });

  it('honours Retry-After on a 429', async () => {
    const receiver = await WebhookReceiver.start();
    receiver.answer = ({ attempt }) => (attempt === 1 ? { status: 429, headers: { 'retry-after': '2' } } : { status: 200 });
    try {
      await register(receiver, ['orders.OrderPaid']);
      const orderId = randomUUID();
      await orderEvent(orderId);
      await receiver.waitForDelivered('the retried delivery', 1, (r) => r.json.aggregateId === orderId);
      const [throttled, accepted] = receiver.ofAggregate(orderId);
      expect(accepted.receivedAt - throttled.receivedAt).toBeGreaterThanOrEqual(1900);
    } finally {
      await receiver.stop();
    }
  });

  it('ends a delivery at once on 410 Gone, and the next event of that order still goes', async () => {
    const receiver = await WebhookReceiver.start();
    const orderId = randomUUID();
    let firstEventId = '';
    receiver.answer = ({ headers }) => (headers['webhook-id'] === firstEventId ? { status: 410 } : { status: 200 });
    try {
      const endpoint = await register(receiver, ['orders.OrderPaid', 'orders.OrderCancelled']);
      firstEventId = await orderEvent(orderId);
      await orderEvent(orderId, 'orderCancelled');
      await receiver.waitForDelivered('the cancellation after the refused event', 1, (r) => r.json.aggregateId === orderId);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(receiver.ofAggregate(orderId).map((r) => [r.json.type, r.status])).toEqual([
        ['orders.OrderPaid', 410],
        ['orders.OrderCancelled', 200],
      ]);
      const [gone] = await deliveries(endpoint.id, firstEventId);
      expect(gone).toMatchObject({ status: 'FAILED', attempts: 1, lastStatusCode: 410 });
      expect(gone.lastError).toContain('410');
    } finally {
      await receiver.stop();
    }
  });

  it("keeps each order's events in order when the first attempt fails, without holding other orders back", async () => {
    const receiver = await WebhookReceiver.start();
    const slowOrder = randomUUID();
    let failedOnce = false;
    receiver.answer = ({ body }) => {
      if (failedOnce || (JSON.parse(body) as { aggregateId: string }).aggregateId !== slowOrder) return { status: 200 };
      failedOnce = true;
      return { status: 500 };
    };
    try {
      await register(receiver, ['orders.OrderPaid', 'orders.OrderCancelled']);
      const otherOrder = randomUUID();
      const paid = await orderEvent(slowOrder);
      const cancelled = await orderEvent(slowOrder, 'orderCancelled');
      await orderEvent(otherOrder);
      await receiver.waitForDelivered("the slow order's two events", 2, (r) => r.json.aggregateId === slowOrder);
      const slow = receiver.ofAggregate(slowOrder);
      expect(slow.map((r) => [r.headers['webhook-id'], r.status])).toEqual([
        [paid, 500],
        [paid, 200],
        [cancelled, 200],
      ]);
      const [other] = receiver.ofAggregate(otherOrder);
      expect(other.receivedAt).toBeLessThan(slow[1].receivedAt);
    } finally {
      await receiver.stop();
    }
  });

  it("sends an order's queued events one after another, stops at a failure and sends nothing after it until it succeeds", async () => {
    const receiver = await WebhookReceiver.start();
    const orderId = randomUUID();
    let failedOnce = false;
    try {
      const from = new Date(Date.now() - 1000);
      const events = [await orderEvent(orderId), await orderEvent(orderId, 'orderCancelled'), await orderEvent(orderId)];
      receiver.answer = ({ headers }) => {
        if (failedOnce || headers['webhook-id'] !== events[1]) return { status: 200 };
        failedOnce = true;
        return { status: 503 };
      };
      const endpoint = await register(receiver, ['orders.OrderPaid', 'orders.OrderCancelled']);
      // Replayed, the three are queued together and claimed as one run of the order's lane.
      const replay = await api().post(`/webhook-endpoints/${endpoint.id}/replay`).set('authorization', admin).send({ from, to: new Date(Date.now() + 1000) });
      expect(replay.status).toBe(202);
      await receiver.waitForDelivered("the order's three events", 3, (r) => r.json.aggregateId === orderId);
      expect(receiver.ofAggregate(orderId).map((r) => [r.headers['webhook-id'], r.status])).toEqual([
        [events[0], 200],
        [events[1], 503],
        [events[1], 200],
        [events[2], 200],
      ]);
      const attempts = async (eventId: string) => (await deliveries(endpoint.id, eventId))[0].attempts;
      expect([await attempts(events[0]), await attempts(events[1]), await attempts(events[2])]).toEqual([1, 2, 1]);
    } finally {
      await receiver.stop();
    }
  });

  it('disables an endpoint that keeps failing, emails the admins, and sends it nothing more', async () => {
    const adminUser = await registerUser(stack, { name: 'Ada Admin' });
    await publishUpstream(stack, (await import('../../../../proto/streams')).UserStream, adminUser.userId, 'userRoleChanged', {
      userId: adminUser.userId,
      previousRole: 'customer',
      role: 'admin',
    });
    const receiver = await WebhookReceiver.start();
    receiver.answer = () => ({ status: 500 });
    try {
      const endpoint = await register(receiver, ['orders.OrderPaid']);
      for (let i = 0; i < 4; i += 1) await orderEvent(randomUUID());
      const disabled = await waitFor(
        'the endpoint to be disabled',
        async () => {
          const found = await api().get(`/webhook-endpoints/${endpoint.id}`).set('authorization', admin);
          return found.body.enabled === false ? found.body : undefined;
        },
        { timeoutMs: 20_000 },
      );
      expect(disabled.disabledReason).toMatch(/failed attempts in a row/);
      await smtp.waitForMessage('the admin alert', (m) => m.to.includes(adminUser.email) && m.subject.includes('webhook endpoint was disabled'));
      const seen = receiver.received.length;
      await orderEvent(randomUUID());
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(receiver.received.length).toBe(seen);
      expect((await api().post(`/webhook-endpoints/${endpoint.id}/ping`).set('authorization', admin)).status).toBe(409);
    } finally {
      await receiver.stop();
    }
  });

  it('replays a time range of events read back from Kafka, including events from before the endpoint existed', async () => {
    const receiver = await WebhookReceiver.start();
    try {
      const from = new Date(Date.now() - 1000);
      const orders = [randomUUID(), randomUUID()];
      const before = [await orderEvent(orders[0]), await orderEvent(orders[1]), await orderEvent(orders[0], 'orderCancelled')];
      const to = new Date(Date.now() + 1000);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const endpoint = await register(receiver, ['orders.OrderPaid', 'orders.OrderCancelled']);
      const after = await orderEvent(randomUUID());
      await receiver.waitForDelivered('the event after registration', 1, (r) => r.headers['webhook-id'] === after);
      expect(receiver.received.filter((r) => before.includes(String(r.headers['webhook-id'])))).toHaveLength(0);

      const replay = await api().post(`/webhook-endpoints/${endpoint.id}/replay`).set('authorization', admin).send({ from, to });
      expect(replay.status).toBe(202);
      expect(replay.body.queued).toBeGreaterThanOrEqual(3);
      await receiver.waitForDelivered('the replayed events', 3, (r) => before.includes(String(r.headers['webhook-id'])));
      const first = receiver.delivered.filter((r) => r.json.aggregateId === orders[0]).map((r) => r.headers['webhook-id']);
      expect(first).toEqual([before[0], before[2]]);
      expect(receiver.delivered.find((r) => r.headers['webhook-id'] === after && r.json.aggregateId !== orders[0])).toBeDefined();
      expect((await deliveries(endpoint.id, before[0]))[0]).toMatchObject({ kind: 'replay', status: 'SUCCEEDED' });

      const backwards = await api().post(`/webhook-endpoints/${endpoint.id}/replay`).set('authorization', admin).send({ from: to, to: from });
      expect(backwards.status).toBe(400);
      expect(backwards.body.code).toBe('NOTIFICATIONS.INVALID_REPLAY_RANGE');
    } finally {
      await receiver.stop();
    }
  });

  it('redelivers a delivery and pings an endpoint on request', async () => {
    const receiver = await WebhookReceiver.start();
    try {
      const endpoint = await register(receiver, ['orders.OrderPaid']);
      const orderId = randomUUID();
      const eventId = await orderEvent(orderId);
      await receiver.waitForDelivered('the event', 1, (r) => r.json.aggregateId === orderId);
      const [delivery] = await deliveries(endpoint.id, eventId);
      const again = await api().post(`/webhook-deliveries/${delivery.id as string}/redeliver`).set('authorization', admin);
      expect(again.status).toBe(202);
      expect(again.body).toMatchObject({ kind: 'redelivery', eventId, status: 'PENDING' });
      const both = await receiver.waitForDelivered('the redelivery', 2, (r) => r.json.aggregateId === orderId);
      expect(both[1].body).toBe(both[0].body);
      expect(both[1].headers['webhook-id']).toBe(eventId);

      const ping = await api().post(`/webhook-endpoints/${endpoint.id}/ping`).set('authorization', admin);
      expect(ping.status).toBe(202);
      const [pinged] = await receiver.waitForDelivered('the ping', 1, (r) => r.json.type === 'webhooks.Ping');
      expect(() => new Webhook(endpoint.secret).verify(pinged.body, headersOf(pinged))).not.toThrow();
    } finally {
      await receiver.stop();
    }
  });

  it('refuses unknown event types, bad URLs and callers who are not admins', async () => {
    const unknown = await api().post('/webhook-endpoints').set('authorization', admin).send({ url: 'http://127.0.0.1:9/x', eventTypes: ['orders.OrderTeleported'] });
    expect(unknown.status).toBe(422);
    expect(unknown.body.code).toBe('NOTIFICATIONS.UNKNOWN_EVENT_TYPE');
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    const ftp = await api().post('/webhook-endpoints').set('authorization', admin).send({ url: 'ftp://example.com/x', eventTypes: ['*'] });
    expect(ftp.status).toBe(422);
    expect(ftp.body.code).toBe('NOTIFICATIONS.WEBHOOK_URL_REFUSED');
    const customer = await bearer(stack, randomUUID());
    expect((await api().post('/webhook-endpoints').set('authorization', customer).send({ url: 'http://127.0.0.1:9/x', eventTypes: ['*'] })).status).toBe(403);
    expect((await api().get('/webhook-endpoints').set('authorization', customer)).status).toBe(403);
    const types = await api().get('/webhook-event-types').set('authorization', admin);
    expect(types.body).toEqual(expect.arrayContaining(['orders.OrderPlaced', 'payments.PaymentSucceeded', 'users.UserRegistered']));
    expect(new Set(types.body).size).toBe(types.body.length);
  });
});

describe('webhook targets outside development', () => {
  let stack: TestStack;

  beforeAll(async () => {
    // NODE_ENV=test: private targets are refused unless allowed, as in production.
    stack = await startTestStack({ modules: ['notifications'], consumers: false });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it.each(['http://127.0.0.1:8080/hooks', 'http://localhost/hooks', 'http://10.1.2.3/hooks', 'http://169.254.169.254/latest/meta-data', 'http://[::1]/hooks', 'http://[fd00::1]/x'])(
    'refuses %s',
    async (url) => {
      const admin = await bearer(stack, randomUUID(), 'admin');
      const response = await request(stack.baseUrl).post('/webhook-endpoints').set('authorization', admin).send({ url, eventTypes: ['*'] });
      expect(response.status).toBe(422);
      expect(response.body.code).toBe('NOTIFICATIONS.WEBHOOK_URL_REFUSED');
    },
  );
});
