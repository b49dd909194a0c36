import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { generateRefreshToken, refreshTokenExpiry } from '../domain/refresh-token';
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
  session: { id: string; createdAt: Date },
): Promise<TokenPair> {
  const refresh = generateRefreshToken();
  const { refreshTokenTtlSeconds, sessionMaxLifetimeSeconds } = context.auth;
  await insertRefreshToken(trx, {
    id: randomUUID(),
    sessionId: session.id,
    tokenHash: refresh.hash,
    expiresAt: refreshTokenExpiry(session, new Date(), refreshTokenTtlSeconds, sessionMaxLifetimeSeconds),
  });
  const access = context.accessTokens.issue({ userId: user.id, role: user.role, sessionId: session.id });
  return { accessToken: access.token, refreshToken: refresh.token, tokenType: 'Bearer', expiresIn: access.expiresIn };
}

/** A new session (refresh-token family) for a user who just proved who they are. */
export function startSession(context: UsersContext, user: Pick<User, 'id' | 'role'>): Promise<TokenPair> {
  return context.db.transaction(async (trx) => {
    const session = await insertSession(trx, { id: randomUUID(), userId: user.id });
    return issueTokenPair(trx, context, user, session);
  });
}
