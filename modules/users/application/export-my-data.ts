import type { Principal } from '../../../src/auth/principal';
import { UserErrors } from '../domain/users.errors';
import type { User } from '../domain/user';
import { claimAccountRequest } from '../infrastructure/attempt.repository';
import { listSessionsOf, type SessionSummary } from '../infrastructure/session.repository';
import { findUser } from '../infrastructure/user.repository';
import { secondsUntilUnblocked } from '../domain/login-throttle';
import type { PersonalDataSources } from './personal-data-sources.port';
import type { UsersContext } from './users-context';

const HOUR_SECONDS = 3600;

export interface PersonalDataExport {
  exportedAt: Date;
  user: User;
  sessions: SessionSummary[];
  /** Each other module's own answer, by module name. */
  modules: Record<string, unknown>;
}

/**
 * What every module holds about the caller, assembled from the modules' answers (each asked as the caller), at most
 * `exportsPerHour` times an hour: each reads every order, payment and message of the account.
 */
export async function exportMyData(
  context: Pick<UsersContext, 'db' | 'auth'>,
  sources: PersonalDataSources,
  caller: Principal,
  authorization: string,
): Promise<PersonalDataExport> {
  const window = { maxFailures: context.auth.exportsPerHour, windowSeconds: HOUR_SECONDS };
  const claimed = await claimAccountRequest(context.db, 'export', [{ subject: `user:${caller.userId}`, limit: window.maxFailures }], HOUR_SECONDS, ({ recent, now }) =>
    secondsUntilUnblocked(recent, window, now),
  );
  if ('retryAfterSeconds' in claimed) throw UserErrors.tooManyRequests(claimed.retryAfterSeconds);
  const user = await findUser(context.db, caller.userId);
  if (!user || user.erasedAt !== null) throw UserErrors.notFound();
  const [sessions, modules] = await Promise.all([listSessionsOf(context.db, user.id), sources.collect(authorization)]);
  return { exportedAt: new Date(), user, sessions, modules };
}
