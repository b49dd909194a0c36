import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import request from 'supertest';
import { ensureAdmin } from '../../modules/users';
import { startTestStack, type TestStack } from '../../test/test-stack';
import { waitFor } from '../../test/wait-for';

/**
 * A process serving orders and inventory but not users learns of ended sessions and role changes from the users
 * module's events: a revoked or demoted token stops working on its routes within the stated bound (README: 1 s).
 */
describe('access in a process without the users module', () => {
  let users: TestStack;
  let shop: TestStack;
  const BOUND_MS = 1000;

  beforeAll(async () => {
    users = await startTestStack({ modules: ['users'], relay: true, consumers: false });
    shop = await startTestStack({ modules: ['orders', 'inventory'], consumers: false });
  });

  afterAll(async () => {
    await shop?.stop();
    await users?.stop();
  });

  const onShop = (path: string, token: string) => request(shop.baseUrl).get(path).set('Authorization', `Bearer ${token}`);

  async function signUp(label: string) {
    const email = `${label}.${randomUUID().slice(0, 8)}@example.com`;
    const password = 'correct horse battery';
    expect((await request(users.baseUrl).post('/auth/register').send({ email, password, name: label })).status).toBe(202);
    return login(email, password);
  }

  async function login(email: string, password: string) {
    const signedIn = await request(users.baseUrl).post('/auth/login').send({ email, password });
    expect(signedIn.status).toBe(200);
    return signedIn.body as { accessToken: string; refreshToken: string };
  }

  /** How long the shop process takes to answer `status` to the request, at most the bound and a second. */
  async function untilAnswered(status: number, call: () => Promise<{ status: number }>): Promise<number> {
    const started = Date.now();
    await waitFor(`a ${status} from the shop process`, async () => (await call()).status === status, { timeoutMs: BOUND_MS + 1000, intervalMs: 20 });
    return Date.now() - started;
  }

  it('serves only its own modules: the users routes are not here', async () => {
    const tokens = await signUp('where');
    expect((await onShop('/users/me', tokens.accessToken)).status).toBe(404);
    expect((await onShop('/orders', tokens.accessToken)).status).toBe(200);
  });

  it('refuses a token within the bound after logout', async () => {
    const tokens = await signUp('leaving');
    expect((await onShop('/orders', tokens.accessToken)).status).toBe(200);

    expect((await request(users.baseUrl).post('/auth/logout').send({ refreshToken: tokens.refreshToken })).status).toBe(204);

    const tookMs = await untilAnswered(401, () => onShop('/orders', tokens.accessToken));
    console.info(`logout reached the process without the users module in ${tookMs} ms`);
    expect(tookMs).toBeLessThanOrEqual(BOUND_MS);
  });

  it('narrows a demoted admin within the bound', async () => {
    const password = 'admin password 1';
    const bossEmail = `boss.${randomUUID().slice(0, 8)}@example.com`;
    await ensureAdmin({ db: users.db('users'), personalDataKey: users.config.personalDataKey }, { email: bossEmail, password, name: 'Boss' });
    const deputyEmail = `deputy.${randomUUID().slice(0, 8)}@example.com`;
    const deputy = await ensureAdmin({ db: users.db('users'), personalDataKey: users.config.personalDataKey }, { email: deputyEmail, password, name: 'Deputy' });
    const boss = await login(bossEmail, password);
    const deputyTokens = await login(deputyEmail, password);
    expect((await onShop('/inventory', deputyTokens.accessToken)).status).toBe(200);

    const demoted = await request(users.baseUrl)
      .patch(`/users/${deputy.userId}/role`)
      .set('Authorization', `Bearer ${boss.accessToken}`)
      .send({ role: 'customer' });
    expect(demoted.status).toBe(200);

    const tookMs = await untilAnswered(403, () => onShop('/inventory', deputyTokens.accessToken));
    console.info(`a demotion reached the process without the users module in ${tookMs} ms`);
    expect(tookMs).toBeLessThanOrEqual(BOUND_MS);
    expect((await onShop('/orders', deputyTokens.accessToken)).status).toBe(200);
  });

  it('refuses a forged, an expired and a session-less token on its own', async () => {
    const tokens = await signUp('honest');
    const claims = jwt.decode(tokens.accessToken) as { sub: string; sid: string; role: string };
    const forged = jwt.sign({ role: 'admin', sid: claims.sid }, 'not the secret, but long enough to look like one', {
      subject: claims.sub,
      issuer: 'mart',
      audience: 'mart-api',
      expiresIn: 60,
    });
    const secret = shop.config.auth.jwtSecret;
    const expired = jwt.sign({ role: 'customer', sid: claims.sid, iat: Math.floor(Date.now() / 1000) - 120 }, secret, {
      subject: claims.sub,
      issuer: 'mart',
      audience: 'mart-api',
      expiresIn: 60,
    });
    const sessionless = jwt.sign({ role: 'admin' }, secret, { subject: claims.sub, issuer: 'mart', audience: 'mart-api', expiresIn: 60 });

    expect((await onShop('/inventory', forged)).body.code).toBe('AUTH.INVALID_TOKEN');
    expect((await onShop('/orders', expired)).body.code).toBe('AUTH.TOKEN_EXPIRED');
    expect((await onShop('/inventory', sessionless)).status).toBe(401);
    expect((await onShop('/orders', tokens.accessToken)).status).toBe(200);
  });
});
