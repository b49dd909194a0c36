import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { startTestStack, type TestStack } from '../../../test/test-stack';
import { waitFor } from '../../../test/wait-for';
import { accountsApi } from './accounts-api';

/** The default limits, behind a trusted local proxy so that X-Forwarded-For stands for different client addresses. */
describe('sign-ins, refreshes and sessions are limited per account', () => {
  let stack: TestStack;
  let api: ReturnType<typeof accountsApi>;

  beforeAll(async () => {
    stack = await startTestStack({ consumers: false, env: { TRUST_PROXY: 'loopback', SESSION_PURGE_INTERVAL_MS: '100' } });
    api = accountsApi(stack);
  });

  afterAll(async () => {
    await stack.stop();
  });

  it('limits successful sign-ins of one account, from any addresses, to 20 a minute', async () => {
    const user = await api.signUp('popular');
    const attempts = [];
    for (let i = 0; i < 30; i++) attempts.push(await api.login({ email: user.email, password: user.password }, `198.51.100.${i + 1}`));
    const refused = attempts.filter((r) => r.status === 429);
    // signUp signed in once already.
    expect(attempts.slice(0, 19).every((r) => r.status === 200)).toBe(true);
    expect(refused).toHaveLength(11);
    expect(new Set(refused.map((r) => r.body.code))).toEqual(new Set(['USERS.TOO_MANY_SIGN_INS']));
    expect(Number(refused[0].headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(refused[0].headers['retry-after'])).toBeLessThanOrEqual(60);
  });

  it('limits refreshes of one account to 60 a minute', async () => {
    const user = await api.signUp('refresher');
    let refreshToken = user.refreshToken;
    const statuses: number[] = [];
    for (let i = 0; i < 65; i++) {
      const answer = await api.refresh(refreshToken);
      statuses.push(answer.status);
      if (answer.status !== 200) break;
      refreshToken = answer.body.refreshToken;
    }
    // The sign-in issued the first of the minute's 60 tokens.
    expect(statuses.slice(0, 59).every((status) => status === 200)).toBe(true);
    expect(statuses[59]).toBe(429);
    // A refused refresh leaves the token unspent: it works once the minute has passed.
    expect((await api.refresh(refreshToken)).body.code).toBe('USERS.TOO_MANY_SIGN_INS');
  });

  it('keeps at most 10 live sessions per user: an eleventh sign-in ends the oldest', async () => {
    const user = await api.signUp('many-devices');
    for (let i = 0; i < 10; i++) expect((await api.login({ email: user.email, password: user.password })).status).toBe(200);

    expect((await api.me(user.accessToken)).body.code).toBe('AUTH.SESSION_ENDED');
    expect((await api.refresh(user.refreshToken)).status).toBe(401);
    const live = await stack.db('users')('sessions').where({ user_id: user.userId }).whereNull('revoked_at').count({ n: '*' });
    expect(Number(live[0].n)).toBe(10);
  });

  it('slows guessing spread over many addresses with a growing delay, and the owner still gets in', async () => {
    const user = await api.signUp('spread');
    for (let i = 0; i < 10; i++) {
      expect((await api.login({ email: user.email, password: `guess ${i}` }, `203.0.113.${i + 1}`)).status).toBe(401);
    }
    const slowed = await api.login({ email: user.email, password: user.password }, '192.0.2.77');
    expect(slowed.status).toBe(429);
    expect(slowed.body.code).toBe('USERS.TOO_MANY_ATTEMPTS');
    const retryAfter = Number(slowed.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(30);

    await sleep(retryAfter * 1000 + 100);
    expect((await api.login({ email: user.email, password: user.password }, '192.0.2.78')).status).toBe(200);
  });

  it('counts the addresses of one IPv6 /64 as one address', async () => {
    const user = await api.signUp('ipv6');
    for (let i = 1; i <= 5; i++) {
      expect((await api.login({ email: user.email, password: `guess ${i}` }, `2001:db8:aa:1::${i.toString(16)}`)).status).toBe(401);
    }
    const sameNetwork = await api.login({ email: user.email, password: user.password }, '2001:db8:aa:1:ffff:ffff:ffff:fffe');
    expect(sameNetwork.status).toBe(429);
    expect(sameNetwork.body.code).toBe('USERS.TOO_MANY_ATTEMPTS');
    expect((await api.login({ email: user.email, password: user.password }, '2001:db8:aa:2::1')).status).toBe(200);
  });

  it('purges sessions that ended a day ago and refresh tokens expired a day ago, and keeps live ones', async () => {
    const user = await api.signUp('purged');
    const db = stack.db('users');
    const old = new Date(Date.now() - 2 * 86_400_000);
    const ended = randomUUID();
    await db('sessions').insert({ id: ended, user_id: user.userId, created_at: old, revoked_at: old, revoked_reason: 'logout' });
    await db('refresh_tokens').insert({ id: randomUUID(), session_id: ended, token_hash: randomUUID(), issued_at: old, expires_at: old });

    await waitFor('the ended session to be purged', async () => (await db('sessions').where({ id: ended })).length === 0);
    expect(await db('refresh_tokens').where({ session_id: ended })).toHaveLength(0);
    expect((await api.me(user.accessToken)).status).toBe(200);
  });
});
