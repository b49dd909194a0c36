import type { Role } from '../../../src/auth/principal';
import { isUniqueViolation } from '../../../src/db/database';
import { DomainError } from '../../../src/errors/domain-error';
import { normalizeEmail } from '../domain/email';
import { passwordProblems } from '../domain/password-policy';
import { UserErrors } from '../domain/users.errors';
import { revokeOtherSessions } from '../infrastructure/session.repository';
import { findUserByEmail, updateUser } from '../infrastructure/user.repository';
import { applyRole, lockUserAndAdmins } from './change-user-role';
import { registerUser } from './register-user';
import type { UsersContext } from './users-context';
import { announceEndedSessions } from './announce-ended-sessions';

type AccountStore = Pick<UsersContext, 'db' | 'passwords' | 'personal'>;

export interface AccountSpec {
  email: string;
  password: string;
  name: string;
  role: Role;
}

/**
 * For seeding and operators: creates the account when no user has the email yet, and otherwise leaves
 * the existing one as it is (its password unchanged). Says which happened.
 */
export async function ensureAccount(store: AccountStore, spec: AccountSpec): Promise<{ userId: string; created: boolean }> {
  const existing = await findUserByEmail(store.db, normalizeEmail(spec.email));
  if (existing) return { userId: existing.id, created: false };
  try {
    const user = await registerUser(store, spec, spec.role);
    return { userId: user.id, created: true };
  } catch (error) {
    // Someone else created it between our look-up and our insert: theirs is the account.
    const raced = error instanceof DomainError && error.code === 'USERS.EMAIL_TAKEN';
    if (!raced && !isUniqueViolation(error)) throw error;
    const winner = await findUserByEmail(store.db, normalizeEmail(spec.email));
    if (!winner) throw error;
    return { userId: winner.id, created: false };
  }
}

export interface AdminEnsured {
  userId: string;
  outcome: 'created' | 'promoted';
}

/**
 * Creates an admin with the given password. An existing account with that email is never taken over silently
 * (whoever registered the address first would become admin): it is refused, unless `promote` is given, which
 * makes it an admin, sets the given password and signs out all its sessions.
 */
export async function ensureAdmin(
  store: AccountStore,
  spec: Omit<AccountSpec, 'role'>,
  { promote = false }: { promote?: boolean } = {},
): Promise<AdminEnsured> {
  const { db, passwords } = store;
  const existing = await findUserByEmail(db, normalizeEmail(spec.email));
  if (!existing) {
    const user = await registerUser(store, spec, 'admin');
    return { userId: user.id, outcome: 'created' };
  }
  if (!promote) throw UserErrors.accountExists();
  const problems = passwordProblems(spec.password, { email: existing.email });
  if (problems.length > 0) throw UserErrors.validationFailed(problems);
  const passwordHash = await passwords.hash(spec.password);
  return db.transaction(async (trx) => {
    const { user, adminIds } = await lockUserAndAdmins(trx, existing.id);
    if (!user) throw new Error(`user ${existing.id} disappeared while being made an admin`);
    await applyRole(trx, store.personal, user, 'admin', adminIds);
    const now = new Date();
    await updateUser(trx, user.id, { passwordHash, updatedAt: now });
    await announceEndedSessions(trx, user.id, await revokeOtherSessions(trx, user.id, undefined, 'promoted_to_admin', now), 'promoted_to_admin');
    return { userId: user.id, outcome: 'promoted' as const };
  });
}
