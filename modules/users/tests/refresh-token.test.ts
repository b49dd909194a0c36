import { decideRefresh, generateRefreshToken, hashRefreshToken, looksLikeRefreshToken, refreshTokenExpiry } from '../domain/refresh-token';

const MONTH = 30 * 24 * 3600;

describe('refresh tokens', () => {
  const now = new Date('2026-11-25T12:00:00Z');
  const later = new Date('2026-12-25T12:00:00Z');
  const earlier = new Date('2026-11-25T11:00:00Z');

  it('are 32 random bytes in base64url, stored only as their sha256', () => {
    const issued = generateRefreshToken();
    expect(issued.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(issued.token, 'base64url')).toHaveLength(32);
    expect(issued.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(issued.hash).toBe(hashRefreshToken(issued.token));
    expect(issued.hash).not.toContain(issued.token);
    expect(generateRefreshToken().token).not.toBe(issued.token);
  });

  it('are recognised by shape before any look-up', () => {
    expect(looksLikeRefreshToken(generateRefreshToken().token)).toBe(true);
    expect(looksLikeRefreshToken('')).toBe(false);
    expect(looksLikeRefreshToken('a'.repeat(44))).toBe(false);
    expect(looksLikeRefreshToken(`${'a'.repeat(42)}=`)).toBe(false);
  });

  it('rotate when unused, unexpired and the session is live', () => {
    expect(decideRefresh({ expiresAt: later, usedAt: null }, { revokedAt: null, createdAt: earlier }, now, MONTH)).toBe('rotate');
  });

  it('signal reuse when presented again after rotation', () => {
    expect(decideRefresh({ expiresAt: later, usedAt: earlier }, { revokedAt: null, createdAt: earlier }, now, MONTH)).toBe('reuse_detected');
  });

  it('are refused once their session is revoked, used or not', () => {
    expect(decideRefresh({ expiresAt: later, usedAt: null }, { revokedAt: earlier, createdAt: earlier }, now, MONTH)).toBe('revoked');
    expect(decideRefresh({ expiresAt: later, usedAt: earlier }, { revokedAt: earlier, createdAt: earlier }, now, MONTH)).toBe('revoked');
  });

  it('end with their session, a fixed time after sign-in, however often they were refreshed', () => {
    const signedIn = new Date(now.getTime() - MONTH * 1000);
    expect(decideRefresh({ expiresAt: later, usedAt: null }, { revokedAt: null, createdAt: signedIn }, now, MONTH)).toBe('expired');
    const justAfterSignIn = new Date(signedIn.getTime() + 1000);
    expect(refreshTokenExpiry({ createdAt: signedIn }, justAfterSignIn, 2 * MONTH, MONTH)).toEqual(new Date(signedIn.getTime() + MONTH * 1000));
    expect(refreshTokenExpiry({ createdAt: now }, now, 3600, MONTH)).toEqual(new Date(now.getTime() + 3600 * 1000));
  });

  it('expire at their expiry instant', () => {
    expect(decideRefresh({ expiresAt: now, usedAt: null }, { revokedAt: null, createdAt: earlier }, now, MONTH)).toBe('expired');
    expect(decideRefresh({ expiresAt: earlier, usedAt: null }, { revokedAt: null, createdAt: earlier }, now, MONTH)).toBe('expired');
  });
});
