import { randomUUID } from 'node:crypto';
import { AccessTokens, type Role } from '../src/auth/access-tokens';
import type { TestStack } from './test-stack';

export interface SignedIn {
  userId: string;
  token: string;
}

/**
 * A signed-in user for tests that drive other modules over HTTP: an account row and a session in the users
 * schema, so that the access token passes the session check exactly like one from POST /auth/login.
 * (A fixture written straight into the users module's tables: the tests using it are about other modules.)
 */
export async function signIn(stack: TestStack, role: Role = 'customer', userId: string = randomUUID()): Promise<SignedIn> {
  const db = stack.db('users');
  await db('users')
    .insert({ id: userId, email: `${userId}@test.example`, name: 'Test user', role, password_hash: 'no password: signed in by a test' })
    .onConflict('id')
    .ignore();
  const sessionId = randomUUID();
  await db('sessions').insert({ id: sessionId, user_id: userId });
  const tokens = new AccessTokens(stack.config.auth.jwtSecret, stack.config.auth.accessTokenTtlSeconds);
  return { userId, token: tokens.issue({ userId, role, sessionId }).token };
}
