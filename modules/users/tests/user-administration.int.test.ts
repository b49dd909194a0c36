import jwt from 'jsonwebtoken';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { UserStream } from '../../../proto/streams';
import { personalDataSeal } from '../../../src/crypto/personal-data';
import { unsealUserFields } from '../../../src/messaging/sealed-user-fields';
import { outboxEvents } from '../../../test/event-probe';
import { startTestStack, type TestStack } from '../../../test/test-stack';
import { ensureAdmin } from '../index';
import { accountsApi } from './accounts-api';

const run = promisify(execFile);
const root = path.resolve(__dirname, '..', '..', '..');

describe('admins manage users', () => {
  let stack: TestStack;
  let api: ReturnType<typeof accountsApi>;
  let admin: Awaited<ReturnType<ReturnType<typeof accountsApi>['signUp']>>;
  const tag = Math.random().toString(36).slice(2, 8);

  beforeAll(async () => {
    stack = await startTestStack({ consumers: false });
    api = accountsApi(stack);
    const email = api.uniqueEmail('boss');
    await ensureAdmin({ db: stack.db('users'), personalDataKey: stack.config.personalDataKey }, { email, password: 'admin password 1', name: 'Boss' });
    const login = await api.login({ email, password: 'admin password 1' });
    const me = await api.me(login.body.accessToken);
    admin = { userId: me.body.id, email, password: 'admin password 1', accessToken: login.body.accessToken, refreshToken: login.body.refreshToken };
  });

  afterAll(async () => {
    await stack.stop();
  });

  it('forbids customers the admin routes with 403', async () => {
    const customer = await api.signUp('nosy');
    const list = await api.listUsers(customer.accessToken);
    expect(list.status).toBe(403);
    expect(list.body.code).toBe('AUTH.FORBIDDEN');
    expect((await api.changeRole(customer.accessToken, customer.userId, 'admin')).status).toBe(403);
    expect((await api.me(customer.accessToken)).body.role).toBe('customer');
  });

  it('pages through users newest first with a keyset cursor, filtered by email fragment and role', async () => {
    const created: string[] = [];
    for (let i = 0; i < 5; i++) {
      const email = `Page-${tag}-${i}@Example.com`;
      expect((await api.register({ email, password: 'correct horse battery', name: `Page ${i}` })).status).toBe(202);
      const login = await api.login({ email, password: 'correct horse battery' });
      created.push((jwt.decode(login.body.accessToken) as { sub: string }).sub);
    }

    const first = await api.listUsers(admin.accessToken, { email: `PAGE-${tag}`, limit: 2 });
    const second = await api.listUsers(admin.accessToken, { email: `page-${tag}`, limit: 2, cursor: first.body.nextCursor });
    const third = await api.listUsers(admin.accessToken, { email: `page-${tag}`, limit: 2, cursor: second.body.nextCursor });

    const ids = [...first.body.items, ...second.body.items, ...third.body.items].map((u: { id: string }) => u.id);
    expect(ids).toEqual([...created].reverse());
    expect(third.body.nextCursor).toBeNull();
    const admins = await api.listUsers(admin.accessToken, { role: 'admin', limit: 100 });
    expect(admins.body.items.every((u: { role: string }) => u.role === 'admin')).toBe(true);
    expect(admins.body.items.map((u: { id: string }) => u.id)).toContain(admin.userId);
    const literal = await api.listUsers(admin.accessToken, { email: '%' });
    expect(literal.body.items).toEqual([]);
  });

  it('rejects a bad limit, cursor or role filter with 400', async () => {
    for (const query of [{ limit: 0 }, { limit: 101 }, { limit: 'ten' }, { cursor: 'bogus' }, { role: 'superuser' }]) {
      const response = await api.listUsers(admin.accessToken, query);
      expect(response.status).toBe(400);
    }
  });

  it('changes a role, recording UserRoleChanged, and the new role applies from the next refresh', async () => {
    const customer = await api.signUp('promoted');

    const response = await api.changeRole(admin.accessToken, customer.userId, 'admin');

    expect(response.status).toBe(200);
    expect(response.body.role).toBe('admin');
    const events = (await outboxEvents(stack.db('users'), UserStream)).filter((e) => e.aggregateId === customer.userId);
    expect(unsealUserFields(personalDataSeal(stack.config.personalDataKey), events.at(-1)!.userRoleChanged!)).toMatchObject({
      userId: customer.userId,
      previousRole: 'customer',
      role: 'admin',
      email: customer.email,
    });
    expect(events.at(-1)?.actorUserId).toBe(admin.userId);
    const refreshed = await api.refresh(customer.refreshToken);
    expect((await api.listUsers(refreshed.body.accessToken)).status).toBe(200);

    const unchanged = await api.changeRole(admin.accessToken, customer.userId, 'admin');
    expect(unchanged.status).toBe(200);
    expect((await outboxEvents(stack.db('users'), UserStream)).filter((e) => e.aggregateId === customer.userId)).toHaveLength(events.length);
    await api.changeRole(admin.accessToken, customer.userId, 'customer');
  });

  it('answers 404 for an unknown or malformed user id and 400 for an unknown role', async () => {
    expect((await api.changeRole(admin.accessToken, '00000000-0000-4000-8000-000000000000', 'admin')).status).toBe(404);
    expect((await api.changeRole(admin.accessToken, 'not-a-uuid', 'admin')).status).toBe(404);
    expect((await api.changeRole(admin.accessToken, admin.userId, 'owner')).status).toBe(400);
  });

  it('refuses to let the last admin demote themselves, but allows it once another admin exists', async () => {
    const admins = await api.listUsers(admin.accessToken, { role: 'admin', limit: 100 });
    for (const other of admins.body.items.filter((u: { id: string }) => u.id !== admin.userId)) {
      await api.changeRole(admin.accessToken, other.id, 'customer');
    }

    const lonely = await api.changeRole(admin.accessToken, admin.userId, 'customer');
    expect(lonely.status).toBe(409);
    expect(lonely.body.code).toBe('USERS.LAST_ADMIN');

    const deputy = await api.signUp('deputy');
    await api.changeRole(admin.accessToken, deputy.userId, 'admin');
    expect((await api.changeRole(admin.accessToken, admin.userId, 'customer')).status).toBe(200);
    const stale = await api.changeRole(admin.accessToken, deputy.userId, 'customer');
    expect(stale.status).toBe(403);
  });

  it('admin:create refuses an existing account; with --promote it sets the given password and signs the account out', async () => {
    const first = await api.signUp('first-registrant');
    const adminCreate = (...args: string[]) =>
      run(path.join(root, 'node_modules', '.bin', 'tsx'), [path.join(root, 'scripts', 'create-admin.ts'), '--email', first.email, ...args], {
        env: process.env,
        timeout: 60_000,
      });

    const refused = await adminCreate('--password', 'the operators password 1').catch((error: { code: number; stderr: string }) => error);
    expect(refused).toMatchObject({ code: 1, stderr: expect.stringContaining('USERS.ACCOUNT_EXISTS') });
    expect((await api.me(first.accessToken)).body.role).toBe('customer');
    expect((await api.login({ email: first.email, password: 'the operators password 1' })).status).toBe(401);

    const promoted = await adminCreate('--password', 'the operators password 1', '--promote');
    expect(promoted.stdout).toContain('promoted existing user to admin');
    expect((await api.login({ email: first.email, password: first.password })).status).toBe(401);
    const asOperator = await api.login({ email: first.email, password: 'the operators password 1' });
    expect(asOperator.status).toBe(200);
    expect((await api.me(asOperator.body.accessToken)).body.role).toBe('admin');
    expect((await api.refresh(first.refreshToken)).status).toBe(401);
  }, 120_000);
});
