import { createHash, randomBytes } from 'node:crypto';

const TOKEN_BYTES = 32;
/** base64url of 32 bytes, unpadded. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export interface IssuedRefreshToken {
  token: string;
  hash: string;
}

/** An opaque, unguessable token; only its hash is stored, so a database leak yields no usable tokens. */
export function generateRefreshToken(): IssuedRefreshToken {
  const token = randomBytes(TOKEN_BYTES).toString('base64url');
  return { token, hash: hashRefreshToken(token) };
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function looksLikeRefreshToken(value: string): boolean {
  return TOKEN_SHAPE.test(value);
}

export interface StoredRefreshToken {
  expiresAt: Date;
  usedAt: Date | null;
}

export interface StoredSession {
  revokedAt: Date | null;
  /** When the user signed in; a session ends this long after, however often it is refreshed. */
  createdAt: Date;
}

export type RefreshDecision = 'rotate' | 'reuse_detected' | 'revoked' | 'expired';

/**
 * What presenting a refresh token means. A token that was already exchanged can only be presented again
 * by someone who copied it, so its whole session is revoked (OAuth 2.0 Security BCP, refresh token rotation).
 */
export function decideRefresh(
  token: StoredRefreshToken,
  session: StoredSession,
  now: Date,
  maxSessionSeconds: number,
): RefreshDecision {
  if (session.revokedAt !== null) return 'revoked';
  if (token.usedAt !== null) return 'reuse_detected';
  if (token.expiresAt.getTime() <= now.getTime()) return 'expired';
  if (sessionEndsAt(session, maxSessionSeconds).getTime() <= now.getTime()) return 'expired';
  return 'rotate';
}

/** The absolute end of a session: sign-in time plus the maximum lifetime. */
export function sessionEndsAt(session: Pick<StoredSession, 'createdAt'>, maxSessionSeconds: number): Date {
  return new Date(session.createdAt.getTime() + maxSessionSeconds * 1000);
}

/** A new refresh token lives its own lifetime, but never past the end of its session. */
export function refreshTokenExpiry(session: Pick<StoredSession, 'createdAt'>, now: Date, ttlSeconds: number, maxSessionSeconds: number): Date {
  return new Date(Math.min(now.getTime() + ttlSeconds * 1000, sessionEndsAt(session, maxSessionSeconds).getTime()));
}
