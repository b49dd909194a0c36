import type { Principal } from '../../../src/auth/principal';
import { UserErrors } from '../domain/users.errors';
import type { User } from '../domain/user';
import { listSessionsOf, type SessionSummary } from '../infrastructure/session.repository';
import { findUser } from '../infrastructure/user.repository';
import { claimExport } from './account-mail-limits';
import type { PersonalDataSources } from './personal-data-sources.port';
import type { UsersContext } from './users-context';

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
  await claimExport(context, caller.userId);
  const user = await findUser(context.db, caller.userId);
  if (!user || user.erasedAt !== null) throw UserErrors.notFound();
  const [sessions, modules] = await Promise.all([listSessionsOf(context.db, user.id), sources.collect(authorization)]);
  return { exportedAt: new Date(), user, sessions, modules };
}
