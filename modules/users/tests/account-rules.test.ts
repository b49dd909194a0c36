import { generateAccountToken, hashAccountToken, isUsable, type AccountToken } from '../domain/account-token';
import { erasedEmail, erasureOf } from '../domain/erasure';

describe('account tokens', () => {
  const now = new Date('2026-12-06T12:00:00Z');
  const token = (change: Partial<AccountToken> = {}): AccountToken => ({
    id: 't',
    userId: 'u',
    purpose: 'reset_password',
    expiresAt: new Date(now.getTime() + 60_000),
    usedAt: null,
    ...change,
  });

  it('are random, and only their hash is kept', () => {
    const a = generateAccountToken();
    const b = generateAccountToken();
    expect(a.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.token).not.toBe(b.token);
    expect(a.hash).toBe(hashAccountToken(a.token));
    expect(a.hash).not.toContain(a.token);
  });

  it('work once, before they expire, for their own purpose only', () => {
    expect(isUsable(token(), 'reset_password', now)).toBe(true);
    expect(isUsable(token({ usedAt: now }), 'reset_password', now)).toBe(false);
    expect(isUsable(token({ expiresAt: now }), 'reset_password', now)).toBe(false);
    expect(isUsable(token(), 'verify_email', now)).toBe(false);
    expect(isUsable(undefined, 'reset_password', now)).toBe(false);
  });
});

describe('erasure progress', () => {
  it('is complete once every module holding personal data has reported', () => {
    const at = new Date();
    const partial = erasureOf({ userId: 'u', requestedBy: 'u', requestedAt: at, erasedAt: new Map([['users', at], ['orders', at]]) });
    expect(partial.complete).toBe(false);
    expect(partial.modules).toEqual([
      { module: 'users', erasedAt: at },
      { module: 'orders', erasedAt: at },
      { module: 'payments', erasedAt: null },
      { module: 'notifications', erasedAt: null },
    ]);
    const all = new Map(['users', 'orders', 'payments', 'notifications'].map((m) => [m, at]));
    expect(erasureOf({ userId: 'u', requestedBy: 'a', requestedAt: at, erasedAt: all }).complete).toBe(true);
  });

  it('leaves an email that is unique and can never be delivered', () => {
    expect(erasedEmail('0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e')).toBe('erased-0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e@erased.invalid');
  });
});
