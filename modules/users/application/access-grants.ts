import type { AccessGrants } from '../../../src/auth/access-grants';
import type { Principal } from '../../../src/auth/principal';
import { MergingQueue } from '../../../src/jobs/merging-queue';
import { isUuid } from '../../../src/validation/uuid';
import { sessionEndsAt } from '../domain/refresh-token';
import { findSessionGrants, type SessionGrant } from '../infrastructure/session.repository';
import type { UsersContext } from './users-context';

/**
 * The users module's answer for the kernel's authentication: an access token holds while its session is live
 * (not logged out, revoked or past its absolute lifetime) and its user exists, and carries the user's current
 * role and whether their address is verified yet. Every token this module issues names its session; one that names none was not issued here. Questions that
 * arrive while one is being answered are answered together, in one statement: under load, requests share look-ups.
 */
export function accessGrantsOf(context: Pick<UsersContext, 'db' | 'auth'>): AccessGrants {
  const lookUps = new MergingQueue<string, SessionGrant | undefined>(async (sessionIds) => {
    const grants = await findSessionGrants(context.db, sessionIds);
    return sessionIds.map((id) => grants.get(id));
  });
  return {
    async current(principal: Principal): Promise<Principal | undefined> {
      const { sessionId, userId } = principal;
      if (!sessionId || !isUuid(sessionId) || !isUuid(userId)) return undefined;
      const grant = await lookUps.add(sessionId.toLowerCase());
      if (!grant || grant.userId !== userId.toLowerCase() || grant.revokedAt !== null) return undefined;
      if (sessionEndsAt(grant, context.auth.sessionMaxLifetimeSeconds).getTime() <= Date.now()) return undefined;
      return { userId, role: grant.role, sessionId, ...(grant.emailVerified ? {} : { unverified: true as const }) };
    },
  };
}
