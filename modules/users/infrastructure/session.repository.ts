import type { Knex } from 'knex';
import { advisoryLockStatement, inOneRoundTrip } from '../../../src/db/one-round-trip';
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

/** Revokes every live session of a user except `keepSessionId` (the one making the change, when known); returns their ids. */
export async function revokeOtherSessions(
  trx: Knex.Transaction,
  userId: string,
  keepSessionId: string | undefined,
  reason: RevokedReason,
  at: Date,
): Promise<string[]> {
  const revoked = await SessionModel.query(trx)
    .patch({ revokedAt: at, revokedReason: reason })
    .where({ user_id: userId })
    .whereNull('revoked_at')
    .modify((query) => {
      if (keepSessionId) query.whereNot('id', keepSessionId);
    })
    .returning('id');
  return (revoked as unknown as Array<{ id: string }>).map((row) => row.id);
}

export async function markRefreshTokenUsed(trx: Knex.Transaction, tokenId: string, at: Date): Promise<void> {
  await RefreshTokenModel.query(trx).patch({ usedAt: at }).where({ id: tokenId });
}

/** A user's session with the user's current role, for deciding whether an access token still holds. */
export interface SessionGrant {
  sessionId: string;
  userId: string;
  role: Role;
  emailVerified: boolean;
  createdAt: Date;
  revokedAt: Date | null;
}

/** The sessions with their users' current roles and verification, in one statement, by session id (a session of no user is absent). */
export async function findSessionGrants(db: Knex, sessionIds: readonly string[]): Promise<Map<string, SessionGrant>> {
  if (sessionIds.length === 0) return new Map();
  const rows: Array<{ id: string; user_id: string; role: Role; email_verified: boolean; created_at: Date; revoked_at: Date | null }> = await db('sessions')
    .join('users', 'users.id', 'sessions.user_id')
    .whereIn('sessions.id', [...new Set(sessionIds)])
    .select('sessions.id', 'sessions.user_id', 'users.role', db.raw('users.email_verified_at is not null as email_verified'), 'sessions.created_at', 'sessions.revoked_at');
  return new Map(
    rows.map((row) => [
      row.id,
      { sessionId: row.id, userId: row.user_id, role: row.role, emailVerified: row.email_verified, createdAt: row.created_at, revokedAt: row.revoked_at },
    ]),
  );
}

/**
 * Takes the user's session lock until the transaction ends (sign-ins and refreshes of one user queue here, so their
 * limits hold under concurrent requests) and counts what the user started in the last `windowSeconds`: sessions
 * (sign-ins) and refresh tokens (sign-ins and refreshes), with the age of the oldest of each.
 */
export async function lockUserSessionActivity(
  trx: Knex.Transaction,
  userId: string,
  windowSeconds: number,
): Promise<{ signIns: number; oldestSignInAgeMs: number; tokens: number; oldestTokenAgeMs: number }> {
  const read = trx.raw(
    `with recent_sessions as (
       select created_at from sessions where user_id = :userId and created_at > now() - make_interval(secs => :window)),
     recent_tokens as (
       select t.issued_at from refresh_tokens t join sessions s on s.id = t.session_id
        where s.user_id = :userId and t.issued_at > now() - make_interval(secs => :window))
     select (select count(*) from recent_sessions)::int as sign_ins,
            (select (extract(epoch from now() - min(created_at)) * 1000)::int from recent_sessions) as oldest_sign_in_ms,
            (select count(*) from recent_tokens)::int as tokens,
            (select (extract(epoch from now() - min(issued_at)) * 1000)::int from recent_tokens) as oldest_token_ms`,
    { userId, window: windowSeconds },
  );
  // The lock and the read in one round trip; the read's snapshot is taken once the lock is granted.
  const [, counted] = await inOneRoundTrip(trx, [advisoryLockStatement(trx, `users.sessions:${userId}`), read.toQuery()]);
  const row = counted.rows[0] as { sign_ins: number; oldest_sign_in_ms: number | null; tokens: number; oldest_token_ms: number | null };
  return { signIns: row.sign_ins, oldestSignInAgeMs: row.oldest_sign_in_ms ?? 0, tokens: row.tokens, oldestTokenAgeMs: row.oldest_token_ms ?? 0 };
}

/** Ends the user's live sessions beyond the newest `keep` (the oldest first to go); returns their ids. */
export async function endSessionsBeyond(trx: Knex.Transaction, userId: string, keep: number, at: Date): Promise<string[]> {
  const { rows } = await trx.raw<{ rows: Array<{ id: string }> }>(
    `update sessions set revoked_at = ?, revoked_reason = 'session_limit'
      where id in (select id from sessions where user_id = ? and revoked_at is null order by created_at desc, id desc offset ?)
      returning id`,
    [at, userId, keep],
  );
  return rows.map((row) => row.id);
}

/**
 * Deletes sessions ended (revoked, or past their lifetime) a day ago or more, with their tokens, and refresh tokens
 * expired a day ago; a batch at a time. True when a batch was full (more to delete).
 */
export async function deleteEndedSessions(db: Knex, sessionMaxLifetimeSeconds: number, batch: number): Promise<boolean> {
  const sessions = await db.raw<{ rowCount: number }>(
    `delete from sessions where id in (
       select id from sessions
        where revoked_at < now() - interval '1 day'
           or created_at < now() - make_interval(secs => ?) - interval '1 day'
        limit ?)`,
    [sessionMaxLifetimeSeconds, batch],
  );
  const tokens = await db.raw<{ rowCount: number }>(
    `delete from refresh_tokens where id in (select id from refresh_tokens where expires_at < now() - interval '1 day' limit ?)`,
    [batch],
  );
  return sessions.rowCount === batch || tokens.rowCount === batch;
}

export interface SessionSummary {
  id: string;
  createdAt: Date;
  revokedAt: Date | null;
  revokedReason: string | null;
}

/** The user's sessions, newest first, as an export shows them (no token material). */
export async function listSessionsOf(db: Knex, userId: string): Promise<SessionSummary[]> {
  const rows = await SessionModel.query(db).where({ user_id: userId }).orderBy('created_at', 'desc');
  return rows.map((row) => ({ id: row.id, createdAt: row.createdAt, revokedAt: row.revokedAt, revokedReason: row.revokedReason }));
}
