import type { Knex } from 'knex';
import type { Role } from '../../../src/auth/principal';
import { RefreshTokenModel } from './refresh-token.model';
import { SessionModel } from './session.model';

import type { SessionRevocationReason as RevokedReason } from './session.model';

export async function insertSession(trx: Knex.Transaction, session: { id: string; userId: string }): Promise<SessionModel> {
  return SessionModel.query(trx).insert(session).returning('*');
}

export async function insertRefreshToken(
  trx: Knex.Transaction,
  token: { id: string; sessionId: string; tokenHash: string; expiresAt: Date },
): Promise<void> {
  await RefreshTokenModel.query(trx).insert(token);
}

/** Locks the session, then the token, that a refresh-token hash belongs to (this order in every use case: no deadlocks). */
export async function lockSessionByTokenHash(
  trx: Knex.Transaction,
  tokenHash: string,
): Promise<{ session: SessionModel; token: RefreshTokenModel } | undefined> {
  const found = await RefreshTokenModel.query(trx).findOne({ token_hash: tokenHash });
  if (!found) return undefined;
  const session = await SessionModel.query(trx).findById(found.sessionId).forUpdate();
  const token = await RefreshTokenModel.query(trx).findById(found.id).forUpdate();
  if (!session || !token) return undefined;
  return { session, token };
}

export async function revokeSession(trx: Knex.Transaction, sessionId: string, reason: RevokedReason, at: Date): Promise<void> {
  await SessionModel.query(trx).patch({ revokedAt: at, revokedReason: reason }).where({ id: sessionId });
}

/** Revokes every live session of a user except `keepSessionId` (the one making the change, when known). */
export async function revokeOtherSessions(
  trx: Knex.Transaction,
  userId: string,
  keepSessionId: string | undefined,
  reason: RevokedReason,
  at: Date,
): Promise<void> {
  await SessionModel.query(trx)
    .patch({ revokedAt: at, revokedReason: reason })
    .where({ user_id: userId })
    .whereNull('revoked_at')
    .modify((query) => {
      if (keepSessionId) query.whereNot('id', keepSessionId);
    });
}

export async function markRefreshTokenUsed(trx: Knex.Transaction, tokenId: string, at: Date): Promise<void> {
  await RefreshTokenModel.query(trx).patch({ usedAt: at }).where({ id: tokenId });
}

/** A user's session with the user's current role, for deciding whether an access token still holds. */
export async function findSessionGrant(
  db: Knex,
  sessionId: string,
  userId: string,
): Promise<{ role: Role; createdAt: Date; revokedAt: Date | null } | undefined> {
  const row = await db('sessions')
    .join('users', 'users.id', 'sessions.user_id')
    .where({ 'sessions.id': sessionId, 'sessions.user_id': userId })
    .first<{ role: Role; created_at: Date; revoked_at: Date | null } | undefined>('users.role', 'sessions.created_at', 'sessions.revoked_at');
  return row && { role: row.role, createdAt: row.created_at, revokedAt: row.revoked_at };
}
