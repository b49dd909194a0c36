import { setTimeout as sleep } from 'node:timers/promises';
import { startTestStack, type TestStack } from '../../../test/test-stack';
import { waitFor } from '../../../test/wait-for';
import { ensureAdmin } from '../index';
import { accountsApi } from './accounts-api';

/** An access token stops working within a second of the grant behind it ending, on every module's routes. */
describe('access ends when its grant ends', () => {
  let stack: TestStack;
  let api: ReturnType<typeof accountsApi>;

  beforeAll(async () => {
    stack = await startTestStack({ consumers: false });
    api = accountsApi(stack);
  });

  afterAll(async () => {
    await stack.stop();
  });

  const asUser = (token: string) => api.http().get('/users/me').set('Authorization', `Bearer ${token}`);
  const asOrders = (token: string) => api.http().get('/orders').set('Authorization', `Bearer ${token}`);
  const inventory = (token: string) => api.http().get('/inventory').set('Authorization', `Bearer ${token}`);

  /** Waits at most one second for the token to be refused, and says how long it took. */
  async function refusedWithinASecond(request: () => Promise<{ status: number }>, status = 401): Promise<number> {
    const started = Date.now();
    await waitFor(`a refusal with ${status}`, async () => (await request()).status === status, { timeoutMs: 1000, intervalMs: 25 });
    return Date.now() - started;
  }

  it('after logout', async () => {
    const user = await api.signUp('leaving');
    expect((await asOrders(user.accessToken)).status).toBe(200);

    expect((await api.logout(user.refreshToken)).status).toBe(204);

    expect(await refusedWithinASecond(() => asOrders(user.accessToken))).toBeLessThan(1000);
    expect((await asUser(user.accessToken)).body.code).toBe('AUTH.SESSION_ENDED');
  });

  it('after a password change from another session, while the session that changed it stays signed in', async () => {
    const user = await api.signUp('changing');
    const other = await api.login({ email: user.email, password: user.password });

    const changed = await api.updateMe(other.body.accessToken, { currentPassword: user.password, newPassword: 'a brand new password' });
    expect(changed.status).toBe(200);

    await refusedWithinASecond(() => asUser(user.accessToken));
    expect((await asUser(other.body.accessToken)).status).toBe(200);
  });

  it('after refresh-token reuse revoked the session', async () => {
    const user = await api.signUp('copied');
    const rotated = await api.refresh(user.refreshToken);
    expect(rotated.status).toBe(200);

    expect((await api.refresh(user.refreshToken)).status).toBe(401); // reuse: the whole session is revoked

    await refusedWithinASecond(() => asUser(rotated.body.accessToken));
    await refusedWithinASecond(() => asUser(user.accessToken));
  });

  it("after an admin is demoted: the old token no longer opens admin routes, on other modules' too", async () => {
    const bossEmail = api.uniqueEmail('boss');
    await ensureAdmin({ db: stack.db('users'), personalDataKey: stack.config.personalDataKey }, { email: bossEmail, password: 'admin password 1', name: 'Boss' });
    const boss = await api.login({ email: bossEmail, password: 'admin password 1' });
    const deputyEmail = api.uniqueEmail('deputy');
    const deputyAccount = await ensureAdmin({ db: stack.db('users'), personalDataKey: stack.config.personalDataKey }, { email: deputyEmail, password: 'admin password 2', name: 'Deputy' });
    const deputy = await api.login({ email: deputyEmail, password: 'admin password 2' });
    expect((await inventory(deputy.body.accessToken)).status).toBe(200);

    expect((await api.changeRole(boss.body.accessToken, deputyAccount.userId, 'customer')).status).toBe(200);

    expect(await refusedWithinASecond(() => inventory(deputy.body.accessToken), 403)).toBeLessThan(1000);
    expect((await asUser(deputy.body.accessToken)).body.role).toBe('customer');
  });

  it('keeps working while the grant holds (the refusals above are not for some other reason)', async () => {
    const user = await api.signUp('staying');
    for (let i = 0; i < 3; i++) {
      expect((await asOrders(user.accessToken)).status).toBe(200);
      await sleep(300);
    }
  });
});
