import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { generateRefreshToken, refreshTokenExpiry, sessionEndsAt } from '../domain/refresh-token';
import type { User } from '../domain/user';
import { secondsUntilUnderRate } from '../domain/login-throttle';
import { UserErrors } from '../domain/users.errors';
import { endSessionsBeyond, insertRefreshToken, insertSession, lockUserSessionActivity } from '../infrastructure/session.repository';
import type { UsersContext } from './users-context';
import { announceEndedSessions } from './announce-ended-sessions';

const RATE_WINDOW_SECONDS = 60;

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
  user: Pick<User, 'id' | 'role' | 'emailVerified'>,
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
  // A token never outlives its session: processes without this module need not know when sessions end.
  const access = context.accessTokens.issue(
    { userId: user.id, role: user.role, sessionId: session.id, ...(user.emailVerified ? {} : { unverified: true as const }) },
    sessionEndsAt(session, sessionMaxLifetimeSeconds),
  );
  return { accessToken: access.token, refreshToken: refresh.token, tokenType: 'Bearer', expiresIn: access.expiresIn };
}

/** Refuses (429) a user who signed in, or refreshed, as often as allowed in the last minute; checked under their lock. */
export async function holdSignInRate(trx: Knex.Transaction, context: UsersContext, userId: string, kind: 'sign_in' | 'refresh'): Promise<void> {
  const activity = await lockUserSessionActivity(trx, userId, RATE_WINDOW_SECONDS);
  const wait =
    kind === 'sign_in'
      ? secondsUntilUnderRate(activity.signIns, context.auth.signInsPerAccountPerMinute, activity.oldestSignInAgeMs, RATE_WINDOW_SECONDS)
      : secondsUntilUnderRate(activity.tokens, context.auth.refreshesPerAccountPerMinute, activity.oldestTokenAgeMs, RATE_WINDOW_SECONDS);
  if (wait !== undefined) throw UserErrors.tooManySignIns(wait);
}

/**
 * A new session (refresh-token family) for a user who just proved who they are. Sign-ins per minute are limited per
 * account, and a user keeps at most `sessionsPerUser` live sessions: this one ends the oldest beyond it.
 */
export function startSession(context: UsersContext, user: Pick<User, 'id' | 'role' | 'emailVerified'>): Promise<TokenPair> {
  return context.db.transaction(async (trx) => {
    await holdSignInRate(trx, context, user.id, 'sign_in');
    const session = await insertSession(trx, { id: randomUUID(), userId: user.id });
    await announceEndedSessions(trx, user.id, await endSessionsBeyond(trx, user.id, context.auth.sessionsPerUser, new Date()), 'session_limit');
    return issueTokenPair(trx, context, user, session);
  });
}
