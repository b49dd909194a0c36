import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { UserStream } from '../../../proto/streams';
import { latestAccountToken } from '../../../test/account-tokens';
import { outboxEvents } from '../../../test/event-probe';
import { startTestStack, type TestStack } from '../../../test/test-stack';
import { waitFor } from '../../../test/wait-for';
import { accountsApi } from './accounts-api';

describe('account lifecycle: verified addresses and password reset', () => {
  let stack: TestStack;
  let api: ReturnType<typeof accountsApi>;

  beforeAll(async () => {
    stack = await startTestStack({ consumers: false, env: { TRUST_PROXY: 'loopback' } });
    api = accountsApi(stack);
  });

  afterAll(async () => {
    await stack.stop();
  });

  const verify = (token: string) => api.http().post('/auth/verify-email').send({ token });
  const resend = (accessToken: string, ip = '10.7.0.1') =>
    api.http().post('/auth/verify-email/resend').set('Authorization', `Bearer ${accessToken}`).set('X-Forwarded-For', ip).send();
  const requestReset = (email: string, ip = '10.8.0.1') => api.http().post('/auth/password-reset').set('X-Forwarded-For', ip).send({ email });
  const confirmReset = (token: string, newPassword: string) => api.http().post('/auth/password-reset/confirm').send({ token, newPassword });
  const eventsOf = async (userId: string) => (await outboxEvents(stack.db('users'), UserStream)).filter((e) => e.aggregateId === userId);
  const placeOrder = (accessToken: string) =>
    api
      .http()
      .post('/orders')
      .set('Authorization', `Bearer ${accessToken}`)
      .set('Idempotency-Key', randomUUID())
      .send({ items: [{ productId: randomUUID(), quantity: 1 }], shippingAddress: { name: 'A', line1: '1 Road', city: 'Town', postalCode: '12345', country: 'DE' } });

  it('verifies an address with its link once; until then the account signs in but cannot order', async () => {
    const user = await api.signUp('verifier');
    expect((jwt.decode(user.accessToken) as { uv?: boolean }).uv).toBe(true);
    const refused = await placeOrder(user.accessToken);
    expect(refused.status).toBe(403);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.body.code).toBe('ORDERS.EMAIL_NOT_VERIFIED');

    const token = (await latestAccountToken(stack, user.userId, 'emailVerificationRequested'))!;
    expect((await verify(token)).status).toBe(204);
    const again = await verify(token);
    expect(again.status).toBe(400);
    expect(again.body.code).toBe('USERS.INVALID_TOKEN');

    expect((await api.me(user.accessToken)).body.emailVerified).toBe(true);
    // The token issued before verification holds the new state as soon as the grant is asked again (a refresh
    // issues one that no longer says "unverified"); the order is then judged on its products (this one does not exist).
    await waitFor('the earlier token to count as verified', async () => (await placeOrder(user.accessToken)).body.code === 'ORDERS.UNKNOWN_PRODUCT');
    const refreshed = await api.refresh(user.refreshToken);
    expect((jwt.decode(refreshed.body.accessToken) as { uv?: boolean }).uv).toBeUndefined();
    expect((await eventsOf(user.userId)).map((e) => e.event)).toContain('emailVerified');
  });

  it('refuses an expired verification link and a made-up one, and a resend makes only the newest link work', async () => {
    const user = await api.signUp('late');
    const first = (await latestAccountToken(stack, user.userId, 'emailVerificationRequested'))!;
    expect((await resend(user.accessToken)).status).toBe(204);
    const second = (await latestAccountToken(stack, user.userId, 'emailVerificationRequested'))!;
    expect(second).not.toBe(first);
    expect((await verify(first)).status).toBe(400);

    await stack.db('users')('account_tokens').where({ user_id: user.userId, purpose: 'verify_email' }).update({ expires_at: new Date(Date.now() - 1000) });
    expect((await verify(second)).body.code).toBe('USERS.INVALID_TOKEN');
    expect((await verify('x'.repeat(43))).body.code).toBe('USERS.INVALID_TOKEN');
    expect((await verify('not a token')).body.code).toBe('USERS.INVALID_TOKEN');
    expect((await api.me(user.accessToken)).body.emailVerified).toBe(false);
  });

  it('limits verification resends per account, however many are sent at once', async () => {
    const user = await api.signUp('impatient');
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => resend(user.accessToken, `10.7.1.${i}`)));
    expect(answers.filter((a) => a.status === 204)).toHaveLength(3);
    const refused = answers.filter((a) => a.status === 429);
    expect(refused).toHaveLength(5);
    expect(refused[0].body.code).toBe('USERS.TOO_MANY_REQUESTS');
    expect(Number(refused[0].headers['retry-after'])).toBeGreaterThan(0);
    expect((await eventsOf(user.userId)).filter((e) => e.event === 'emailVerificationRequested')).toHaveLength(4);
  });

  it('tells the owner of a taken address of at most three registration attempts an hour, answering every one alike', async () => {
    const owner = await api.signUp('popular');
    const attempts = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        api.http().post('/auth/register').set('X-Forwarded-For', `10.9.0.${i}`).send({ email: owner.email, password: 'someone else entirely', name: 'Someone' }),
      ),
    );
    expect(attempts.map((a) => a.status)).toEqual([202, 202, 202, 202, 202, 202]);
    expect((await eventsOf(owner.userId)).filter((e) => e.event === 'registrationAttempted')).toHaveLength(3);
  });

  it('answers a reset request for a known and an unknown email alike, and mails a link only to an account', async () => {
    const user = await api.signUp('forgetful');
    const known = await requestReset(user.email.toUpperCase(), '10.8.1.1');
    const unknown = await requestReset(api.uniqueEmail('nobody'), '10.8.1.2');
    for (const answer of [known, unknown]) expect({ status: answer.status, body: answer.text }).toEqual({ status: 202, body: unknown.text });
    const requested = (await eventsOf(user.userId)).filter((e) => e.event === 'passwordResetRequested');
    expect(requested).toHaveLength(1);
    expect(JSON.stringify(requested)).not.toContain((await latestAccountToken(stack, user.userId, 'passwordResetRequested'))!);
  });

  it('sets a new password with the latest link, once, ending every session and recording a notice', async () => {
    const user = await api.signUp('reset');
    const otherDevice = await api.login({ email: user.email, password: user.password });
    await requestReset(user.email, '10.8.2.1');
    const older = (await latestAccountToken(stack, user.userId, 'passwordResetRequested'))!;
    await requestReset(user.email, '10.8.2.2');
    const latest = (await latestAccountToken(stack, user.userId, 'passwordResetRequested'))!;

    expect((await confirmReset(older, 'a new password of mine')).body.code).toBe('USERS.INVALID_TOKEN');
    const weak = await confirmReset(latest, 'short');
    expect(weak.status).toBe(400);
    expect(weak.body.errors).toEqual([expect.objectContaining({ field: 'newPassword' })]);

    const attempts = await Promise.all(Array.from({ length: 5 }, () => confirmReset(latest, 'a new password of mine')));
    expect(attempts.map((a) => a.status).sort()).toEqual([204, 400, 400, 400, 400]);

    for (const session of [user, otherDevice.body]) {
      expect((await api.refresh(session.refreshToken)).status).toBe(401);
      expect((await api.me(session.accessToken)).body.code).toBe('AUTH.SESSION_ENDED');
    }
    expect((await api.login({ email: user.email, password: user.password })).status).toBe(401);
    const signedIn = await api.login({ email: user.email, password: 'a new password of mine' });
    expect(signedIn.status).toBe(200);
    // The link reached the mailbox: the address counts as verified.
    expect((await api.me(signedIn.body.accessToken)).body.emailVerified).toBe(true);
    const events = (await eventsOf(user.userId)).map((e) => e.event);
    expect(events.slice(-3)).toEqual(['emailVerified', 'sessionsEnded', 'passwordChanged']);
  });

  it('refuses an expired reset link', async () => {
    const user = await api.signUp('slow-reset');
    await requestReset(user.email, '10.8.3.1');
    const token = (await latestAccountToken(stack, user.userId, 'passwordResetRequested'))!;
    const row = await stack.db('users')('account_tokens').where({ user_id: user.userId, purpose: 'reset_password' }).first();
    expect(Math.abs(row.expires_at.getTime() - row.created_at.getTime() - 30 * 60 * 1000)).toBeLessThan(1000);
    await stack.db('users')('account_tokens').where({ id: row.id }).update({ expires_at: new Date(Date.now() - 1000) });
    expect((await confirmReset(token, 'a new password of mine')).body.code).toBe('USERS.INVALID_TOKEN');
    expect((await api.login({ email: user.email, password: user.password })).status).toBe(200);
  });

  it('limits reset requests per email (known or not) and per address, however many arrive at once', async () => {
    const email = api.uniqueEmail('flooded');
    const perEmail = await Promise.all(Array.from({ length: 8 }, (_, i) => requestReset(email, `10.8.4.${i}`)));
    expect(perEmail.filter((a) => a.status === 202)).toHaveLength(3);
    expect(perEmail.filter((a) => a.status === 429)).toHaveLength(5);

    const perAddress = await Promise.all(Array.from({ length: 25 }, () => requestReset(api.uniqueEmail('spray'), '10.8.5.1')));
    expect(perAddress.filter((a) => a.status === 202)).toHaveLength(20);
    expect(perAddress.filter((a) => a.status === 429)[0].body.code).toBe('USERS.TOO_MANY_REQUESTS');
  });
});
