import { startTestStack, type TestStack } from '../../../test/test-stack';
import { accountsApi } from './accounts-api';

describe('failed sign-ins are rate limited per account and per IP', () => {
  let stack: TestStack;
  let api: ReturnType<typeof accountsApi>;
  const windowSeconds = 600;

  beforeAll(async () => {
    stack = await startTestStack({
      consumers: false,
      env: {
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

  it('blocks an account after too many wrong passwords, even with the right one, with 429 and Retry-After', async () => {
    const user = await api.signUp('targeted');
    for (let attempt = 1; attempt <= 3; attempt++) {
      expect((await api.login({ email: user.email, password: 'wrong password!' }, '10.0.0.1')).status).toBe(401);
    }

    const blocked = await api.login({ email: user.email, password: user.password }, '10.0.0.2');

    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('USERS.TOO_MANY_ATTEMPTS');
    const retryAfter = Number(blocked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(windowSeconds - 30);
    expect(retryAfter).toBeLessThanOrEqual(windowSeconds);
  });

  it('opens the account again once the failures leave the window', async () => {
    const user = await api.signUp('patient');
    for (let attempt = 1; attempt <= 3; attempt++) await api.login({ email: user.email, password: 'wrong password!' }, '10.0.1.1');
    await stack.db('users')('login_failures').where({ email: user.email }).update({ failed_at: new Date(Date.now() - (windowSeconds + 1) * 1000) });

    expect((await api.login({ email: user.email, password: user.password }, '10.0.1.1')).status).toBe(200);
  });

  it('resets the account counter after a successful sign-in', async () => {
    const user = await api.signUp('forgetful');
    for (let attempt = 1; attempt <= 2; attempt++) await api.login({ email: user.email, password: 'wrong password!' }, '10.0.2.1');
    expect((await api.login({ email: user.email, password: user.password }, '10.0.2.2')).status).toBe(200);

    for (let attempt = 1; attempt <= 2; attempt++) {
      expect((await api.login({ email: user.email, password: 'wrong password!' }, '10.0.2.3')).status).toBe(401);
    }
    expect((await api.login({ email: user.email, password: user.password }, '10.0.2.4')).status).toBe(200);
  });

  it('blocks an IP that tries many accounts, counting unknown emails too', async () => {
    for (let attempt = 1; attempt <= 5; attempt++) {
      expect((await api.login({ email: api.uniqueEmail('spray'), password: 'guess guess' }, '10.0.3.1')).status).toBe(401);
    }
    const user = await api.signUp('innocent');

    const fromSprayer = await api.login({ email: user.email, password: user.password }, '10.0.3.1');
    expect(fromSprayer.status).toBe(429);
    expect(Number(fromSprayer.headers['retry-after'])).toBeGreaterThan(0);
    expect((await api.login({ email: user.email, password: user.password }, '10.0.3.2')).status).toBe(200);
  });

  it('counts wrong current passwords on a password change against the account', async () => {
    const user = await api.signUp('hijacked');
    for (let attempt = 1; attempt <= 3; attempt++) {
      const guess = await api.updateMe(user.accessToken, { currentPassword: `guess number ${attempt}`, newPassword: 'attacker chosen pw' });
      expect(guess.status).toBe(400);
      expect(guess.body.code).toBe('USERS.CURRENT_PASSWORD_INCORRECT');
    }

    const blocked = await api.updateMe(user.accessToken, { currentPassword: user.password, newPassword: 'attacker chosen pw' });
    expect(blocked.status).toBe(429);
    expect(blocked.headers['retry-after']).toBeDefined();
  });
});
