import type { Knex } from 'knex';
import { decideRefresh, hashRefreshToken, looksLikeRefreshToken } from '../domain/refresh-token';
import { UserErrors } from '../domain/users.errors';
import { lockSessionByTokenHash, markRefreshTokenUsed, revokeSession } from '../infrastructure/session.repository';
import { findUser } from '../infrastructure/user.repository';
import { announceEndedSessions } from './announce-ended-sessions';
import { holdSignInRate, issueTokenPair, type TokenPair } from './start-session';
import type { UsersContext } from './users-context';

/** Locks the session (then the token) a refresh token belongs to; undefined for an unknown token. */
export async function findLockedSession(trx: Knex.Transaction, refreshToken: string) {
  if (!looksLikeRefreshToken(refreshToken)) return undefined;
  return lockSessionByTokenHash(trx, hashRefreshToken(refreshToken));
}

/** Exchanges a refresh token for a new pair: the old token is spent, the session (family) continues. */
export async function refreshSession(context: UsersContext, refreshToken: string): Promise<TokenPair> {
  const outcome = await context.db.transaction(async (trx) => {
    const found = await findLockedSession(trx, refreshToken);
    if (!found) return { refused: UserErrors.invalidRefreshToken() };
    const { session, token } = found;
    const now = new Date();
    const decision = decideRefresh(token, session, now, context.auth.sessionMaxLifetimeSeconds);
    if (decision === 'reuse_detected') {
      await revokeSession(trx, session.id, 'refresh_token_reused', now);
      await announceEndedSessions(trx, session.userId, [session.id], 'refresh_token_reused');
      return { refused: UserErrors.refreshTokenReused() };
    }
    if (decision !== 'rotate') return { refused: UserErrors.invalidRefreshToken() };

    const user = await findUser(trx, session.userId);
    if (!user) return { refused: UserErrors.invalidRefreshToken() };
    await holdSignInRate(trx, context, user.id, 'refresh');
    await markRefreshTokenUsed(trx, token.id, now);
    return { pair: await issueTokenPair(trx, context, user, session) };
  });
  // Refusals are thrown only after commit, so that revoking a session on reuse is not rolled back.
  if ('refused' in outcome) throw outcome.refused;
  return outcome.pair;
}
