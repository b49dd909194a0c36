import jwt from 'jsonwebtoken';
import request from 'supertest';
import { signIn } from '../../../test/signed-in';
import { startTestStack, type TestStack } from '../../../test/test-stack';

/** Tokens an attacker could make: with the development secret earlier versions shipped, or without an expiry. */
describe('forged access tokens', () => {
  let stack: TestStack;
  const claims = { role: 'admin' };
  const options = { subject: '6c0f8a3e-0b7c-4d5e-9f10-1a2b3c4d5e6f', issuer: 'mart', audience: 'mart-api', algorithm: 'HS256' as const };

  beforeAll(async () => {
    stack = await startTestStack({ consumers: false });
  });

  afterAll(async () => {
    await stack.stop();
  });

  const inventoryAs = (token: string) => request(stack.baseUrl).get('/inventory').set('authorization', `Bearer ${token}`);

  it('signed with the development secret that used to be in the repository, get 401', async () => {
    const forged = jwt.sign(claims, 'mart-development-secret-not-for-production-use', { ...options, expiresIn: 600 });
    const response = await inventoryAs(forged).expect(401);
    expect(response.body.code).toBe('AUTH.INVALID_TOKEN');
  });

  it('without an expiry, even signed with the real secret, get 401', async () => {
    const endless = jwt.sign(claims, stack.config.auth.jwtSecret, options);
    expect((await inventoryAs(endless).expect(401)).body.code).toBe('AUTH.INVALID_TOKEN');
  });

  it('naming no session, even signed with the real secret and unexpired, get 401', async () => {
    const sessionless = jwt.sign(claims, stack.config.auth.jwtSecret, { ...options, expiresIn: 600 });
    expect((await inventoryAs(sessionless).expect(401)).body.code).toBe('AUTH.SESSION_ENDED');
  });

  it('a token of a live admin session is accepted (the refusals above are not for some other reason)', async () => {
    await inventoryAs((await signIn(stack, 'admin')).token).expect(200);
  });
});
