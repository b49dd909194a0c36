import jwt from 'jsonwebtoken';
import { DomainError } from '../../errors/domain-error';
import { AccessTokens } from '../access-tokens';

describe('access tokens', () => {
  const tokens = new AccessTokens('a-test-secret-that-is-long-enough-to-sign', 900);

  it('carry user id, role and session, and expire when the ttl says', () => {
    const { token, expiresIn } = tokens.issue({ userId: 'u-1', role: 'admin', sessionId: 's-1' });
    expect(expiresIn).toBe(900);
    expect(tokens.verify(token)).toEqual({ userId: 'u-1', role: 'admin', sessionId: 's-1' });
    const claims = jwt.decode(token) as jwt.JwtPayload;
    expect(claims.exp! - claims.iat!).toBe(900);
  });

  it('say "unverified" only for a user who has not verified their address', () => {
    expect(tokens.verify(tokens.issue({ userId: 'u-1', role: 'customer', sessionId: 's-1', unverified: true }).token)).toEqual({
      userId: 'u-1',
      role: 'customer',
      sessionId: 's-1',
      unverified: true,
    });
    expect(jwt.decode(tokens.issue({ userId: 'u-1', role: 'customer', sessionId: 's-1' }).token)).not.toHaveProperty('uv');
  });

  it('are refused when signed with another secret, expired, or of an unknown role', () => {
    const reject = (token: string, code: string) => {
      const error = (() => {
        try {
          tokens.verify(token);
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({ code, kind: 'unauthenticated' });
    };
    reject(new AccessTokens('another-secret-of-sufficient-length-here', 900).issue({ userId: 'u', role: 'customer' }).token, 'AUTH.INVALID_TOKEN');
    reject(new AccessTokens('a-test-secret-that-is-long-enough-to-sign', -10).issue({ userId: 'u', role: 'customer' }).token, 'AUTH.TOKEN_EXPIRED');
    const forged = jwt.sign({ role: 'superuser' }, 'a-test-secret-that-is-long-enough-to-sign', { subject: 'u', issuer: 'mart', audience: 'mart-api' });
    reject(forged, 'AUTH.INVALID_TOKEN');
    reject('not.a.token', 'AUTH.INVALID_TOKEN');
  });
});

describe('an access token and its session', () => {
  it('never outlives the session it names', () => {
    const tokens = new AccessTokens('a-test-secret-that-is-long-enough-to-sign', 900);
    const principal = { userId: 'u', role: 'customer' as const, sessionId: 's' };
    expect(tokens.issue(principal, new Date(Date.now() + 3_600_000)).expiresIn).toBe(900);
    const nearTheEnd = tokens.issue(principal, new Date(Date.now() + 120_500));
    expect(nearTheEnd.expiresIn).toBe(120);
    const claims = jwt.decode(nearTheEnd.token) as { exp: number; iat: number };
    expect(claims.exp - claims.iat).toBe(120);
  });
});

describe('access tokens this system did not issue', () => {
  const secret = 'a-test-secret-that-is-long-enough-to-sign';
  const tokens = new AccessTokens(secret, 900);
  const options = { subject: 'u-1', issuer: 'mart', audience: 'mart-api', algorithm: 'HS256' as const };

  it('are refused without an expiry, even when signed with the right secret', () => {
    expect(() => tokens.verify(jwt.sign({ role: 'admin' }, secret, options))).toThrow(expect.objectContaining({ code: 'AUTH.INVALID_TOKEN' }));
  });

  it('are refused when they would live longer than an hour', () => {
    const longLived = jwt.sign({ role: 'admin' }, secret, { ...options, expiresIn: 3601 });
    expect(() => tokens.verify(longLived)).toThrow(expect.objectContaining({ code: 'AUTH.INVALID_TOKEN' }));
    expect(tokens.verify(jwt.sign({ role: 'admin' }, secret, { ...options, expiresIn: 3600 }))).toMatchObject({ userId: 'u-1' });
  });

  it('cannot be signed with a short secret', () => {
    expect(() => new AccessTokens('mart-development-secret', 900)).toThrow(/at least 32/);
  });
});
