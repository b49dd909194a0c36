import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { CartStream, NotificationStream, UserStream } from '../../../proto/streams';
import { publishUpstream } from '../../../test/upstream-event';
import { outboxEvents } from '../../../test/event-probe';
import { SmtpTestServer } from '../../../test/smtp-test-server';
import { startTestStack, type TestStack } from '../../../test/test-stack';
import { waitFor } from '../../../test/wait-for';
import { bearer, payOrder, registerUser } from './upstream-events';

describe('notifications reach customers over email and SMS', () => {
  let smtp: SmtpTestServer;
  let stack: TestStack;

  beforeAll(async () => {
    smtp = await SmtpTestServer.start();
    stack = await startTestStack({
      modules: ['notifications'],
      relay: true,
      env: {
        SMTP_URL: smtp.url,
        NOTIFICATION_RETRY_BASE_MS: '100',
        NOTIFICATION_DISPATCH_INTERVAL_MS: '50',
        NOTIFICATION_MAX_ATTEMPTS: '3',
      },
    });
  });

  afterAll(async () => {
    await stack?.stop();
    await smtp?.stop();
  });

  const notifications = () => stack.db('notifications')('notifications');
  const settled = (userId: string, template: string) =>
    waitFor(`${template} notification of ${userId} to settle`, async () => {
      const row = await notifications().where({ user_id: userId, template }).whereIn('status', ['SENT', 'FAILED']).first();
      return row ?? undefined;
    });

  it('welcomes a new user by email', async () => {
    const user = await registerUser(stack, { name: 'Alice Example' });

    const mail = await smtp.waitForMessage('the welcome email', (m) => m.to.includes(user.email));
    expect(mail.subject).toBe('Welcome to Mart');
    expect(mail.headers.from).toBe('Mart <no-reply@mart.local>');
    expect(mail.text).toContain('Hi Alice Example,');
    const row = await settled(user.userId, 'welcome');
    expect(row).toMatchObject({ status: 'SENT', attempts: 1, channel: 'email', recipient: user.email });
    const sent = (await outboxEvents(stack.db('notifications'), NotificationStream)).filter((e) => e.aggregateId === row.id);
    expect(sent.map((e) => e.event)).toEqual(['notificationSent']);
    expect(sent[0].notificationSent).toMatchObject({ userId: user.userId, channel: 'email', template: 'welcome', attempts: 1 });
  });

  it('confirms a paid order with the total in its currency', async () => {
    const user = await registerUser(stack);
    const order = await payOrder(stack, user.userId, { amountMinor: 259800, currency: 'EUR' });

    const mail = await smtp.waitForMessage('the order confirmation', (m) => m.to.includes(user.email) && m.subject.startsWith('Order #'));
    expect(mail.subject).toBe(`Order #${order.orderId.slice(0, 8).toUpperCase()} confirmed`);
    expect(mail.text).toContain('Total: €2,598.00');
    expect(mail.html).toContain('€2,598.00');
  });

  it('retries a refused delivery and sends exactly one email', async () => {
    const email = `retry-${randomUUID().slice(0, 8)}@example.com`;
    smtp.failNext(2, { to: email });
    const user = await registerUser(stack, { email });

    const row = await settled(user.userId, 'welcome');
    expect(row).toMatchObject({ status: 'SENT', attempts: 3 });
    expect(row.last_error).toMatch(/451/);
    expect(smtp.messagesTo(email)).toHaveLength(1);
  });

  it('gives up after the last attempt and reports why', async () => {
    const email = `down-${randomUUID().slice(0, 8)}@example.com`;
    smtp.failNext(Number.POSITIVE_INFINITY, { to: email, code: 451, message: 'Mailbox busy' });
    const user = await registerUser(stack, { email });

    const row = await settled(user.userId, 'welcome');
    expect(row).toMatchObject({ status: 'FAILED', attempts: 3 });
    // The history names the provider and its answer; the server's own text stays in the log.
    expect(row.last_error).toBe('the mail server deferred the message (451)');
    expect(smtp.messagesTo(email)).toHaveLength(0);
    const events = (await outboxEvents(stack.db('notifications'), NotificationStream)).filter((e) => e.aggregateId === row.id);
    expect(events.map((e) => e.event)).toEqual(['notificationFailed']);
    expect(events[0].notificationFailed).toMatchObject({ userId: user.userId, attempts: 3, reason: 'the mail server deferred the message (451)' });
  });

  it('does not retry a permanent refusal', async () => {
    const email = `gone-${randomUUID().slice(0, 8)}@example.com`;
    smtp.failNext(Number.POSITIVE_INFINITY, { to: email, code: 550, message: 'No such user' });
    const user = await registerUser(stack, { email });

    const row = await settled(user.userId, 'welcome');
    expect(row).toMatchObject({ status: 'FAILED', attempts: 1 });
    expect(row.last_error).toBe('the mail server refused the message (550)');
  });

  it('sends one email when the same event is delivered twice', async () => {
    const user = await registerUser(stack);
    await smtp.waitForMessage('the welcome email', (m) => m.to.includes(user.email));

    // The relay publishes at least once: the registration again, then a later event of the same user
    // (same partition) that tells us when the repeat has been consumed.
    await user.registration.resend();
    await publishUpstream(stack, UserStream, user.userId, 'userProfileUpdated', { userId: user.userId, email: user.email, name: 'Renamed', emailVerified: true });
    await waitFor('the later profile update', async () =>
      (await stack.db('notifications')('recipients').where({ user_id: user.userId, name: 'Renamed' }).first()) ?? undefined,
    );

    expect(await notifications().where({ user_id: user.userId, template: 'welcome' })).toHaveLength(1);
    expect(smtp.messagesTo(user.email)).toHaveLength(1);
  });

  it('keeps an order notification until the customer is known, then sends it', async () => {
    const userId = randomUUID();
    const order = await payOrder(stack, userId);
    await waitFor('the notification to wait for its recipient', async () =>
      (await stack.db('notifications')('awaiting_recipient').where({ source_event_id: order.eventId }).first()) ?? undefined,
    );

    const user = await registerUser(stack, { userId });

    await smtp.waitForMessage('the order confirmation', (m) => m.to.includes(user.email) && m.subject.includes('confirmed'));
    expect(await stack.db('notifications')('awaiting_recipient').where({ user_id: userId })).toHaveLength(0);
  });

  it('texts instead of emailing a customer who chose SMS only', async () => {
    const user = await registerUser(stack, { phone: '+4915112345678' });
    await smtp.waitForMessage('the welcome email', (m) => m.to.includes(user.email));

    const response = await request(stack.baseUrl)
      .patch('/notifications/preferences')
      .set('authorization', await bearer(stack, user.userId))
      .send({ email: false, sms: true });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ email: false, sms: true });

    const order = await payOrder(stack, user.userId, { amountMinor: 1234, currency: 'USD' });
    const sms = await waitFor('the SMS', async () =>
      (await stack.db('notifications')('sms_messages').where({ to: user.phone }).first()) ?? undefined,
    );
    expect(sms.body).toBe(`Mart: order #${order.orderId.slice(0, 8).toUpperCase()} confirmed, total $12.34.`);
    expect(await notifications().where({ source_event_id: order.eventId }).pluck('channel')).toEqual(['sms']);
    expect(smtp.messagesTo(user.email)).toHaveLength(1);
  });

  it('refuses SMS for a customer without a phone number', async () => {
    const user = await registerUser(stack);
    await smtp.waitForMessage('the welcome email', (m) => m.to.includes(user.email));

    const response = await request(stack.baseUrl)
      .patch('/notifications/preferences')
      .set('authorization', await bearer(stack, user.userId))
      .send({ sms: true });

    expect(response.status).toBe(422);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.body.code).toBe('NOTIFICATIONS.PHONE_REQUIRED');
    expect((await request(stack.baseUrl).get('/notifications/preferences').set('authorization', await bearer(stack, user.userId))).body).toEqual({
      email: true,
      sms: false,
    });
  });

  it('does not resend a notification whose dispatcher died mid-send', async () => {
    const user = await registerUser(stack);
    const row = await settled(user.userId, 'welcome');
    const id = randomUUID();
    await notifications().insert({
      ...row,
      id,
      seq: undefined,
      source_event_id: randomUUID(),
      status: 'SENDING',
      claimed_at: stack.db('notifications').raw(`now() - interval '10 minutes'`),
      sent_at: null,
    });

    const abandoned = await waitFor('the abandoned notification to fail', async () =>
      (await notifications().where({ id, status: 'FAILED' }).first()) ?? undefined,
    );
    expect(abandoned.last_error).toMatch(/outcome is unknown/);
    expect(smtp.messagesTo(user.email)).toHaveLength(1);
  });

  it('reminds a customer once of an abandoned cart, listing its lines, and not when they turned email off', async () => {
    const user = await registerUser(stack, { name: 'Cart Keeper' });
    const abandoned = (cartId: string, customerId: string) =>
      publishUpstream(stack, CartStream, cartId, 'cartAbandoned', {
          cartId,
          customerId,
          lines: [{ productId: randomUUID(), name: 'Darjeeling tea', quantity: 2, unitPrice: { amountMinor: 650, currency: 'EUR' }, lineTotal: { amountMinor: 1300, currency: 'EUR' } }],
          subtotal: { amountMinor: 1300, currency: 'EUR' },
          lastTouchedAt: new Date().toISOString(),
        });
    const cartId = randomUUID();
    const event = await abandoned(cartId, user.userId);

    const mail = await smtp.waitForMessage('the cart reminder', (m) => m.to.includes(user.email) && m.subject === 'You left something in your cart');
    expect(mail.text).toContain('2 × Darjeeling tea  €13.00');
    expect(mail.text).toContain('Subtotal: €13.00');
    expect((await notifications().where({ user_id: user.userId, template: 'cart-reminder' })).map((n) => n.source_event_id)).toEqual([event.eventId]);

    const quiet = await registerUser(stack, { name: 'No Mail' });
    await waitFor('the quiet user to be known', async () => (await request(stack.baseUrl).get('/notifications/preferences').set('authorization', await bearer(stack, quiet.userId))).status === 200);
    await request(stack.baseUrl).patch('/notifications/preferences').set('authorization', await bearer(stack, quiet.userId)).send({ email: false }).expect(200);
    const ignored = await abandoned(randomUUID(), quiet.userId);
    await waitFor('the event to be handled', async () => Boolean(await stack.db('notifications')('inbox').where({ event_id: ignored.eventId }).first()));
    expect(await notifications().where({ user_id: quiet.userId, template: 'cart-reminder' })).toEqual([]);
  });
});
