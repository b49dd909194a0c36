import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { ensureAccount } from '../modules/users';
import { AccessTokens, type Role } from '../src/auth/access-tokens';
import type { TestStack } from './test-stack';

export interface SignedIn {
  userId: string;
  token: string;
}

const PASSWORD = 'a test password, long enough';

/**
 * A signed-in user for tests that drive modules over HTTP. Where the stack serves the users module the account is
 * real (made through that module's public face, signed in through POST /auth/login); where it does not, the
 * process checks tokens as any process without that module does (signature, expiry, ended sessions from the
 * users topic), so a token for a fresh session, signed with this run's secret, is what the users module would
 * have issued, for any user id the test names.
 */
export async function signIn(stack: TestStack, role: Role = 'customer', userId?: string): Promise<SignedIn> {
  if (!stack.config.modules.includes('users')) {
    userId ??= randomUUID();
    const tokens = new AccessTokens(stack.config.auth.jwtSecret, stack.config.auth.accessTokenTtlSeconds);
    return { userId, token: tokens.issue({ userId, role, sessionId: randomUUID() }).token };
  }
  if (userId) throw new Error('a test chooses the user id only where the users module does not run (it makes its own ids)');
  const email = `${role}.${randomUUID()}@test.example`;
  const account = await ensureAccount({ db: stack.db('users'), personalDataKey: stack.config.personalDataKey }, { email, password: PASSWORD, name: `Test ${role}`, role });
  // One at a time: sign-ins in flight count against the address until they succeed, and every test signs in from
  // 127.0.0.1, so thirty at once would meet the per-address limit the users module's own tests prove.
  const login = await oneAtATime(() => request(stack.baseUrl).post('/auth/login').send({ email, password: PASSWORD }));
  if (login.status !== 200) throw new Error(`login failed: ${login.status} ${JSON.stringify(login.body)}`);
  return { userId: account.userId, token: login.body.accessToken as string };
}

let queue: Promise<unknown> = Promise.resolve();

function oneAtATime<T>(work: () => PromiseLike<T>): Promise<T> {
  const next = queue.then(() => work());
  queue = next.catch(() => undefined);
  return next;
}
