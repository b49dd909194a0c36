import { createHash } from 'node:crypto';
import { startTestStack, type TestStack } from '../../../test/test-stack';
import { accountsApi } from './accounts-api';

const windowSeconds = 600;

describe('password attempts are limited per account and address, and cannot be turned against the owner', () => {
  let stack: TestStack;
  let api: ReturnType<typeof accountsApi>;

  beforeAll(async () => {
    // Behind a trusted local proxy, so that X-Forwarded-For stands for different client addresses.
    stack = await startTestStack({
      consumers: false,
      env: {
        TRUST_PROXY: 'loopback',
        LOGIN_MAX_FAILURES_PER_ACCOUNT: '3',
        LOGIN_MAX_FAILURES_PER_IP: '5',
        LOGIN_FAILURE_WINDOW_SECONDS: String(windowSeconds),
      },
    });
    api = accountsApi(stack);
  });

  afterAll(async () => {
    await stack.stop();
  });

  const attemptsOf = (email: string) => stack.db('users')('password_attempts').where({ email_hash: createHash('sha256').update(email).digest('hex') });

  it('blocks the address that guessed wrong, even with the right password, with 429 and Retry-After', async () => {
    const user = await api.signUp('targeted');
    for (let attempt = 1; attempt <= 3; attempt++) {
      expect((await api.login({ email: user.email, password: 'wrong password!' }, '10.0.0.1')).status).toBe(401);
    }

    const blocked = await api.login({ email: user.email, password: user.password }, '10.0.0.1');

    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('USERS.TOO_MANY_ATTEMPTS');
    const retryAfter = Number(blocked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(windowSeconds - 30);
    expect(retryAfter).toBeLessThanOrEqual(windowSeconds);
  });

  it("does not lock the owner out: from an address without failures the right password signs in", async () => {
    const user = await api.signUp('defended');
    for (let attempt = 1; attempt <= 3; attempt++) await api.login({ email: user.email, password: 'wrong password!' }, '10.0.5.1');
    expect((await api.login({ email: user.email, password: user.password }, '10.0.5.1')).status).toBe(429);

    expect((await api.login({ email: user.email, password: user.password }, '10.0.5.2')).status).toBe(200);
  });

  it('checks at most the configured number of passwords, however many guesses arrive at once', async () => {
    const user = await api.signUp('raced');

    const guesses = await Promise.all(
      Array.from({ length: 40 }, (_, i) => api.login({ email: user.email, password: `guess number ${i}` }, '10.0.4.1')),
    );

    expect(guesses.filter((r) => r.status === 401)).toHaveLength(3);
    expect(guesses.filter((r) => r.status === 429)).toHaveLength(37);
    expect(await attemptsOf(user.email)).toHaveLength(3);
  });

  it('opens the address again once its attempts leave the window', async () => {
    const user = await api.signUp('patient');
    for (let attempt = 1; attempt <= 3; attempt++) await api.login({ email: user.email, password: 'wrong password!' }, '10.0.1.1');
    await attemptsOf(user.email).update({ attempted_at: new Date(Date.now() - (windowSeconds + 1) * 1000) });

    expect((await api.login({ email: user.email, password: user.password }, '10.0.1.1')).status).toBe(200);
  });

  it("resets the account's counter for that address after a successful sign-in", async () => {
    const user = await api.signUp('forgetful');
    for (let attempt = 1; attempt <= 2; attempt++) await api.login({ email: user.email, password: 'wrong password!' }, '10.0.2.1');
    expect((await api.login({ email: user.email, password: user.password }, '10.0.2.1')).status).toBe(200);

    for (let attempt = 1; attempt <= 2; attempt++) {
      expect((await api.login({ email: user.email, password: 'wrong password!' }, '10.0.2.1')).status).toBe(401);
    }
    expect((await api.login({ email: user.email, password: user.password }, '10.0.2.1')).status).toBe(200);
  });

  it('blocks an address that tries many accounts, counting unknown emails too', async () => {
    for (let attempt = 1; attempt <= 5; attempt++) {
      expect((await api.login({ email: api.uniqueEmail('spray'), password: 'guess guess' }, '10.0.3.1')).status).toBe(401);
    }
    const user = await api.signUp('innocent');

    const fromSprayer = await api.login({ email: user.email, password: user.password }, '10.0.3.1');
    expect(fromSprayer.status).toBe(429);
    expect(Number(fromSprayer.headers['retry-after'])).toBeGreaterThan(0);
    expect((await api.login({ email: user.email, password: user.password }, '10.0.3.2')).status).toBe(200);
  });

  it('counts every current-password check of a password change, and bounds them under concurrency', async () => {
    const user = await api.signUp('hijacked');
    const change = (i: number) =>
      api.http().patch('/users/me').set('Authorization', `Bearer ${user.accessToken}`).set('X-Forwarded-For', '10.0.6.1').send({
        currentPassword: `guess number ${i}`,
        newPassword: 'attacker chosen pw',
      });

    const guesses = await Promise.all(Array.from({ length: 20 }, (_, i) => change(i)));

    expect(guesses.filter((r) => r.status === 400 && r.body.code === 'USERS.CURRENT_PASSWORD_INCORRECT')).toHaveLength(3);
    expect(guesses.filter((r) => r.status === 429)).toHaveLength(17);
    const withTheRightOne = await api
      .http()
      .patch('/users/me')
      .set('Authorization', `Bearer ${user.accessToken}`)
      .set('X-Forwarded-For', '10.0.6.1')
      .send({ currentPassword: user.password, newPassword: 'attacker chosen pw' });
    expect(withTheRightOne.status).toBe(429);
    expect(withTheRightOne.headers['retry-after']).toBeDefined();
  });
});

describe('client addresses without a configured proxy', () => {
  let stack: TestStack;
  let api: ReturnType<typeof accountsApi>;

  beforeAll(async () => {
    stack = await startTestStack({ consumers: false, env: { LOGIN_MAX_FAILURES_PER_ACCOUNT: '3', LOGIN_MAX_FAILURES_PER_IP: '50' } });
    api = accountsApi(stack);
  });

  afterAll(async () => {
    await stack.stop();
  });

  it('ignore X-Forwarded-For: a new header value does not reset the limit', async () => {
    const user = await api.signUp('spoofer-target');
    for (let attempt = 1; attempt <= 3; attempt++) {
      expect((await api.login({ email: user.email, password: 'wrong password!' }, `203.0.113.${attempt}`)).status).toBe(401);
    }
    expect((await api.login({ email: user.email, password: 'wrong password!' }, '198.51.100.7')).status).toBe(429);
  });
});

describe('registrations are limited per address', () => {
  let stack: TestStack;
  let api: ReturnType<typeof accountsApi>;

  beforeAll(async () => {
    stack = await startTestStack({ consumers: false, env: { REGISTRATION_MAX_PER_IP: '3', TRUST_PROXY: 'loopback' } });
    api = accountsApi(stack);
  });

  afterAll(async () => {
    await stack.stop();
  });

  const register = (ip: string) =>
    api.http().post('/auth/register').set('X-Forwarded-For', ip).send({ email: api.uniqueEmail('many'), password: 'correct horse battery', name: 'Many' });

  it('accepts the configured number from one address at once, refuses the rest with 429 and Retry-After', async () => {
    const responses = await Promise.all(Array.from({ length: 10 }, () => register('10.1.0.1')));

    expect(responses.filter((r) => r.status === 202)).toHaveLength(3);
    const refused = responses.filter((r) => r.status === 429);
    expect(refused).toHaveLength(7);
    expect(refused[0].body.code).toBe('USERS.TOO_MANY_REGISTRATIONS');
    expect(Number(refused[0].headers['retry-after'])).toBeGreaterThan(0);
    expect((await register('10.1.0.2')).status).toBe(202);
  });
});
