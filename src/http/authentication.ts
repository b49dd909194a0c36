import type { Request } from 'express';
import type { AccessGrants } from '../auth/access-grants';
import type { AccessTokens, Principal, Role } from '../auth/access-tokens';
import { currentContext } from '../context/request-context';
import { AuthErrors } from '../errors/auth.errors';
import { unauthenticated } from '../errors/domain-error';

export interface AuthenticatedRequest extends Request {
  user: Principal;
}

/**
 * tsoa's authentication hook for `@Security('jwt', [roles...])`: a valid Bearer access token is required whose
 * grant still holds (its session live), and when roles are listed the caller must hold one of them now: the
 * role is the user's current one, not the one the token was issued with.
 */
export async function expressAuthentication(request: Request, securityName: string, scopes: string[] = []): Promise<Principal> {
  if (securityName !== 'jwt') throw new Error(`unknown security scheme ${securityName}`);
  const header = request.header('authorization') ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw unauthenticated('AUTH.MISSING_TOKEN', 'A Bearer access token is required');
  const tokens = request.app.locals.accessTokens as AccessTokens;
  const grants = request.app.locals.accessGrants as AccessGrants;
  const principal = await grants.current(tokens.verify(match[1]));
  if (!principal) throw unauthenticated('AUTH.SESSION_ENDED', 'The session of this access token has ended; sign in again');
  if (scopes.length > 0 && !scopes.includes(principal.role as Role)) {
    throw AuthErrors.forbidden('This operation requires one of the roles: ' + scopes.join(', '));
  }
  const context = currentContext();
  if (context) context.userId = principal.userId;
  return principal;
}
