import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { generateRefreshToken } from '../domain/refresh-token';
import type { User } from '../domain/user';
import { insertRefreshToken, insertSession } from '../infrastructure/session.repository';
import type { UsersContext } from './users-context';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
}

/** Adds a fresh refresh token to a session (inside the caller's transaction) and signs an access token. */
export async function issueTokenPair(
  trx: Knex.Transaction,
  context: UsersContext,
  user: Pick<User, 'id' | 'role'>,
  sessionId: string,
): Promise<TokenPair> {
  const refresh = generateRefreshToken();
  await insertRefreshToken(trx, {
    id: randomUUID(),
    sessionId,
    tokenHash: refresh.hash,
    expiresAt: new Date(Date.now() + context.auth.refreshTokenTtlSeconds * 1000),
  });
  const access = context.accessTokens.issue({ userId: user.id, role: user.role, sessionId });
  return { accessToken: access.token, refreshToken: refresh.token, tokenType: 'Bearer', expiresIn: access.expiresIn };
}

/** A new session (refresh-token family) for a user who just proved who they are. */
export function startSession(context: UsersContext, user: Pick<User, 'id' | 'role'>): Promise<TokenPair> {
  return context.db.transaction(async (trx) => {
    const session = await insertSession(trx, { id: randomUUID(), userId: user.id });
    return issueTokenPair(trx, context, user, session.id);
  });
}
