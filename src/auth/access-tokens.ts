import jwt from 'jsonwebtoken';
import { unauthenticated } from '../errors/domain-error';

import { ROLES, type Principal, type Role } from './principal';

export { ROLES, type Principal, type Role } from './principal';

const ISSUER = 'mart';
const AUDIENCE = 'mart-api';
/** No access token lives longer than this, whatever its own claims say. */
export const MAX_ACCESS_TOKEN_TTL_SECONDS = 3600;
const MIN_SECRET_LENGTH = 32;

/** Short-lived signed JWTs carrying user id, role and whether the email is still unverified. The users module issues them; every module verifies them. */
export class AccessTokens {
  constructor(
    private readonly secret: string,
    readonly ttlSeconds: number,
  ) {
    if (secret.length < MIN_SECRET_LENGTH) throw new Error(`an access-token secret needs at least ${MIN_SECRET_LENGTH} characters`);
  }

  /** A token for the principal, expiring after the TTL or at `notAfter` (its session's end), whichever comes first. */
  issue(principal: Principal, notAfter?: Date): { token: string; expiresIn: number } {
    const claims = {
      role: principal.role,
      ...(principal.sessionId ? { sid: principal.sessionId } : {}),
      ...(principal.unverified ? { uv: true } : {}),
    };
    const expiresIn = notAfter ? Math.min(this.ttlSeconds, Math.floor((notAfter.getTime() - Date.now()) / 1000)) : this.ttlSeconds;
    const token = jwt.sign(claims, this.secret, {
      algorithm: 'HS256',
      subject: principal.userId,
      issuer: ISSUER,
      audience: AUDIENCE,
      expiresIn,
    });
    return { token, expiresIn };
  }

  verify(token: string): Principal {
    try {
      const claims = jwt.verify(token, this.secret, { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE });
      if (typeof claims === 'string' || typeof claims.sub !== 'string' || !ROLES.includes(claims.role as Role)) {
        throw new Error('malformed claims');
      }
      // A token without an expiry, or one meant to outlive the limit, is not one this system issued.
      if (typeof claims.exp !== 'number' || typeof claims.iat !== 'number' || claims.exp - claims.iat > MAX_ACCESS_TOKEN_TTL_SECONDS) {
        throw new Error('no bounded lifetime');
      }
      const sessionId = typeof claims.sid === 'string' ? claims.sid : undefined;
      return { userId: claims.sub, role: claims.role as Role, ...(sessionId ? { sessionId } : {}), ...(claims.uv === true ? { unverified: true as const } : {}) };
    } catch (error) {
      const expired = error instanceof jwt.TokenExpiredError;
      throw unauthenticated(
        expired ? 'AUTH.TOKEN_EXPIRED' : 'AUTH.INVALID_TOKEN',
        expired ? 'The access token has expired' : 'The access token is invalid',
      );
    }
  }
}
