import { revokeSession } from '../infrastructure/session.repository';
import { announceEndedSessions } from './announce-ended-sessions';
import { findLockedSession } from './refresh-session';
import type { UsersContext } from './users-context';

/**
 * Signs out the session a refresh token belongs to. Unknown, expired or already revoked tokens succeed
 * silently: logging out is idempotent, and the answer reveals nothing about a token.
 */
export async function endSession(context: UsersContext, refreshToken: string): Promise<void> {
  await context.db.transaction(async (trx) => {
    const found = await findLockedSession(trx, refreshToken);
    if (!found || found.session.revokedAt !== null) return;
    await revokeSession(trx, found.session.id, 'logout', new Date());
    await announceEndedSessions(trx, found.session.userId, [found.session.id], 'logout');
  });
}
