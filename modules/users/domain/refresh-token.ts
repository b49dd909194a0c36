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
}

export type RefreshDecision = 'rotate' | 'reuse_detected' | 'revoked' | 'expired';

/**
 * What presenting a refresh token means. A token that was already exchanged can only be presented again
 * by someone who copied it, so its whole session is revoked (OAuth 2.0 Security BCP, refresh token rotation).
 */
export function decideRefresh(token: StoredRefreshToken, session: StoredSession, now: Date): RefreshDecision {
  if (session.revokedAt !== null) return 'revoked';
  if (token.usedAt !== null) return 'reuse_detected';
  if (token.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'rotate';
}
