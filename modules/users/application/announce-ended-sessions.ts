import type { Knex } from 'knex';
import { UserStream } from '../../../proto/streams';
import { recordEvent } from '../../../src/messaging/outbox';

export type SessionEndReason = 'logout' | 'refresh_token_reused' | 'password_changed' | 'password_reset' | 'promoted_to_admin' | 'session_limit' | 'erased';

/**
 * Records SessionsEnded for sessions of the user that just ended before their time, in the transaction that ended
 * them: processes that check access tokens without this module refuse the sessions' tokens from then on.
 */
export async function announceEndedSessions(trx: Knex.Transaction, userId: string, sessionIds: readonly string[], reason: SessionEndReason): Promise<void> {
  if (sessionIds.length === 0) return;
  await recordEvent(trx, UserStream, userId, 'sessionsEnded', { userId, sessionIds: [...sessionIds], reason });
}
