import type { Knex } from 'knex';
import { decideRefresh, hashRefreshToken, looksLikeRefreshToken } from '../domain/refresh-token';
import { UserErrors } from '../domain/users.errors';
import { RefreshTokenModel } from '../infrastructure/refresh-token.model';
import { SessionModel } from '../infrastructure/session.model';
import { UserModel } from '../infrastructure/user.model';
import { issueTokenPair, type TokenPair } from './start-session';
import type { UsersContext } from './users-context';

/** Locks the session (then the token) a refresh token belongs to; undefined for an unknown token. */
export async function findLockedSession(trx: Knex.Transaction, refreshToken: string) {
  if (!looksLikeRefreshToken(refreshToken)) return undefined;
  const tokenHash = hashRefreshToken(refreshToken);
  const found = await RefreshTokenModel.query(trx).findOne({ token_hash: tokenHash });
  if (!found) return undefined;
  // Session before token, in every use case, so concurrent refreshes and logouts cannot deadlock.
  const session = await SessionModel.query(trx).findById(found.sessionId).forUpdate();
  const token = await RefreshTokenModel.query(trx).findById(found.id).forUpdate();
  if (!session || !token) return undefined;
  return { session, token };
}

/** Exchanges a refresh token for a new pair: the old token is spent, the session (family) continues. */
export async function refreshSession(context: UsersContext, refreshToken: string): Promise<TokenPair> {
  const outcome = await context.db.transaction(async (trx) => {
    const found = await findLockedSession(trx, refreshToken);
    if (!found) return { refused: UserErrors.invalidRefreshToken() };
    const { session, token } = found;
    const now = new Date();
    const decision = decideRefresh(token, session, now);
    if (decision === 'reuse_detected') {
      await SessionModel.query(trx).patch({ revokedAt: now, revokedReason: 'refresh_token_reused' }).where({ id: session.id });
      return { refused: UserErrors.refreshTokenReused() };
    }
    if (decision !== 'rotate') return { refused: UserErrors.invalidRefreshToken() };

    const user = await UserModel.query(trx).findById(session.userId);
    if (!user) return { refused: UserErrors.invalidRefreshToken() };
    await RefreshTokenModel.query(trx).patch({ usedAt: now }).where({ id: token.id });
    return { pair: await issueTokenPair(trx, context, user, session.id) };
  });
  // Refusals are thrown only after commit, so that revoking a session on reuse is not rolled back.
  if ('refused' in outcome) throw outcome.refused;
  return outcome.pair;
}
