import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { SmtpTestServer } from '../../../test/smtp-test-server';
import { startTestStack, type TestStack } from '../../../test/test-stack';
import { waitFor } from '../../../test/wait-for';
import { bearer, registerUser, shipOrder, type RegisteredUser } from './upstream-events';

describe('customers and admins read notifications through the API', () => {
  let smtp: SmtpTestServer;
  let stack: TestStack;
  let alice: RegisteredUser;
  let bob: RegisteredUser;

  beforeAll(async () => {
    smtp = await SmtpTestServer.start();
    stack = await startTestStack({ modules: ['notifications'], relay: true, env: { SMTP_URL: smtp.url, NOTIFICATION_DISPATCH_INTERVAL_MS: '50' } });
    alice = await registerUser(stack, { name: 'Alice' });
    bob = await registerUser(stack, { name: 'Bob' });
    await smtp.waitForMessage("alice's welcome", (m) => m.to.includes(alice.email));
    for (let i = 0; i < 4; i += 1) await shipOrder(stack, alice.userId);
    await waitFor('alice to have five notifications', async () =>
      (await stack.db('notifications')('notifications').where({ user_id: alice.userId })).length === 5,
    );
    await waitFor('bob to have his welcome', async () =>
      (await stack.db('notifications')('notifications').where({ user_id: bob.userId })).length === 1,
    );
  });

  afterAll(async () => {
    await stack?.stop();
    await smtp?.stop();
  });

  const get = (path: string, auth?: string) => {
    const req = request(stack.baseUrl).get(path);
    return auth ? req.set('authorization', auth) : req;
  };

  it('pages through the caller’s own notifications, newest first', async () => {
    const seen: { id: string; createdAt: string; template: string }[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `?limit=2&cursor=${cursor}` : '?limit=2';
      const response = await get(`/notifications${query}`, await bearer(stack, alice.userId));
      expect(response.status).toBe(200);
      expect(response.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...response.body.items);
      cursor = response.body.nextCursor;
      pages += 1;
    } while (cursor);

    expect(pages).toBe(3);
    expect(new Set(seen.map((n) => n.id)).size).toBe(5);
    expect(seen.map((n) => n.template)).toEqual(['parcel-shipped', 'parcel-shipped', 'parcel-shipped', 'parcel-shipped', 'welcome']);
    const times = seen.map((n) => Date.parse(n.createdAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(seen.every((n) => (n as unknown as { userId: string }).userId === alice.userId)).toBe(true);
  });

  it('shows what was sent, to where, and its delivery state', async () => {
    const response = await get('/notifications?limit=1', await bearer(stack, bob.userId));
    expect(response.body).toEqual({
      items: [
        expect.objectContaining({
          userId: bob.userId,
          channel: 'email',
          template: 'welcome',
          recipient: bob.email,
          subject: 'Welcome to Mart',
          status: expect.stringMatching(/^(PENDING|SENDING|SENT)$/),
        }),
      ],
      nextCursor: null,
    });
  });

  it('lets an admin list any user’s notifications', async () => {
    const response = await get(`/notifications?userId=${bob.userId}`, await bearer(stack, randomUUID(), 'admin'));
    expect(response.status).toBe(200);
    expect(response.body.items.map((n: { userId: string }) => n.userId)).toEqual([bob.userId]);
  });

  it('forbids a customer to list someone else’s notifications', async () => {
    const response = await get(`/notifications?userId=${alice.userId}`, await bearer(stack, bob.userId));
    expect(response.status).toBe(403);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.body.code).toBe('NOTIFICATIONS.FORBIDDEN_USER');
  });

  it.each([
    ['a malformed cursor', '?cursor=garbage', 'NOTIFICATIONS.INVALID_CURSOR'],
    ['a zero limit', '?limit=0', 'NOTIFICATIONS.INVALID_LIMIT'],
    ['a limit above 100', '?limit=101', 'NOTIFICATIONS.INVALID_LIMIT'],
    ['a non-numeric limit', '?limit=ten', 'REQUEST.VALIDATION_FAILED'],
    ['a user id that is not a UUID', '?userId=42', 'NOTIFICATIONS.INVALID_USER_ID'],
  ])('rejects %s with 400', async (_what, query, code) => {
    const response = await get(`/notifications${query}`, await bearer(stack, randomUUID(), 'admin'));
    expect(response.status).toBe(400);
    expect(response.body.code).toBe(code);
  });

  it('requires a token', async () => {
    const response = await get('/notifications');
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('AUTH.MISSING_TOKEN');
  });

  it('changes only the preferences given and returns them all', async () => {
    const auth = await bearer(stack, alice.userId);
    expect((await get('/notifications/preferences', auth)).body).toEqual({ email: true, sms: false });

    const off = await request(stack.baseUrl).patch('/notifications/preferences').set('authorization', auth).send({ email: false });
    expect(off.status).toBe(200);
    expect(off.body).toEqual({ email: false, sms: false });
    const unchanged = await request(stack.baseUrl).patch('/notifications/preferences').set('authorization', auth).send({});
    expect(unchanged.body).toEqual({ email: false, sms: false });
  });

  it.each([
    ['a non-boolean', { email: 'perhaps' }],
    ['an unknown channel', { pigeon: true }],
  ])('rejects %s preference with 400', async (_what, body) => {
    const response = await request(stack.baseUrl)
      .patch('/notifications/preferences')
      .set('authorization', await bearer(stack, bob.userId))
      .send(body);
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('REQUEST.VALIDATION_FAILED');
  });
});
