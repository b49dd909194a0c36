import jwt from 'jsonwebtoken';
import { startTestStack, type TestStack } from '../../../test/test-stack';
import { accountsApi } from './accounts-api';

describe('sessions: access tokens, refresh rotation and logout', () => {
  let stack: TestStack;
  let api: ReturnType<typeof accountsApi>;

  beforeAll(async () => {
    stack = await startTestStack({ consumers: false });
    api = accountsApi(stack);
  });

  afterAll(async () => {
    await stack.stop();
  });

  it('rotates the refresh token: the new pair works and the old refresh token is spent', async () => {
    const user = await api.signUp('rotating');

    const refreshed = await api.refresh(user.refreshToken);

    expect(refreshed.status).toBe(200);
    expect(refreshed.headers['cache-control']).toBe('no-store');
    expect(refreshed.body.refreshToken).not.toBe(user.refreshToken);
    expect((await api.me(refreshed.body.accessToken)).status).toBe(200);
    expect((await api.refresh(refreshed.body.refreshToken)).status).toBe(200);
  });

  it('treats a reused refresh token as theft: 401 and the whole session is revoked', async () => {
    const user = await api.signUp('victim');
    const legitimate = await api.refresh(user.refreshToken);

    const replay = await api.refresh(user.refreshToken);

    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe('USERS.REFRESH_TOKEN_REUSED');
    const afterTheft = await api.refresh(legitimate.body.refreshToken);
    expect(afterTheft.status).toBe(401);
    expect(afterTheft.body.code).toBe('USERS.INVALID_REFRESH_TOKEN');
  });

  it('keeps other sessions alive when one session is revoked for reuse', async () => {
    const user = await api.signUp('two-devices');
    const otherDevice = await api.login({ email: user.email, password: user.password });
    await api.refresh(user.refreshToken);
    await api.refresh(user.refreshToken);

    expect((await api.refresh(otherDevice.body.refreshToken)).status).toBe(200);
  });

  it('rejects unknown and malformed refresh tokens with 401', async () => {
    for (const token of ['A'.repeat(43), 'not a token', '']) {
      const response = await api.refresh(token);
      expect(response.status).toBe(401);
      expect(response.body.code).toBe('USERS.INVALID_REFRESH_TOKEN');
    }
  });

  it('rejects an expired refresh token with 401', async () => {
    const user = await api.signUp('expired-refresh');
    await stack
      .db('users')('refresh_tokens')
      .whereIn('session_id', stack.db('users')('sessions').where({ user_id: user.userId }).select('id'))
      .update({ expires_at: new Date(Date.now() - 1000) });

    const response = await api.refresh(user.refreshToken);

    expect(response.status).toBe(401);
    expect(response.body.code).toBe('USERS.INVALID_REFRESH_TOKEN');
  });

  it('logs out: 204, the session can no longer be refreshed, and logging out again is still 204', async () => {
    const user = await api.signUp('leaving');

    expect((await api.logout(user.refreshToken)).status).toBe(204);

    expect((await api.refresh(user.refreshToken)).status).toBe(401);
    expect((await api.logout(user.refreshToken)).status).toBe(204);
    expect((await api.logout('A'.repeat(43))).status).toBe(204);
  });

  it('rejects missing, malformed, foreign and expired access tokens with 401', async () => {
    const user = await api.signUp('bearer');
    const claims = { role: 'customer' };
    const options = { subject: user.userId, issuer: 'mart', audience: 'mart-api' } as const;
    const expired = jwt.sign({ ...claims, exp: Math.floor(Date.now() / 1000) - 60 }, stack.config.auth.jwtSecret, options);
    const forged = jwt.sign({ ...claims, role: 'admin' }, 'someone-elses-secret', { ...options, expiresIn: 60 });

    const missing = await api.http().get('/users/me');
    expect(missing.status).toBe(401);
    expect(missing.body.code).toBe('AUTH.MISSING_TOKEN');
    expect(missing.headers['www-authenticate']).toBe('Bearer');
    expect((await api.me('garbage')).body.code).toBe('AUTH.INVALID_TOKEN');
    expect((await api.me(forged)).body.code).toBe('AUTH.INVALID_TOKEN');
    const expiredResponse = await api.me(expired);
    expect(expiredResponse.status).toBe(401);
    expect(expiredResponse.body.code).toBe('AUTH.TOKEN_EXPIRED');
  });
});

describe('sessions have an absolute lifetime', () => {
  let stack: TestStack;
  let api: ReturnType<typeof accountsApi>;

  beforeAll(async () => {
    stack = await startTestStack({ consumers: false, env: { SESSION_MAX_LIFETIME_SECONDS: '3' } });
    api = accountsApi(stack);
  });

  afterAll(async () => {
    await stack.stop();
  });

  it('ends a session its lifetime after sign-in, however often it was refreshed', async () => {
    const user = await api.signUp('long-lived');
    let refreshToken = user.refreshToken;
    for (let i = 0; i < 2; i++) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const refreshed = await api.refresh(refreshToken);
      expect(refreshed.status).toBe(200);
      refreshToken = refreshed.body.refreshToken;
    }
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const late = await api.refresh(refreshToken);
    expect(late.status).toBe(401);
    expect(late.body.code).toBe('USERS.INVALID_REFRESH_TOKEN');
  });
});
