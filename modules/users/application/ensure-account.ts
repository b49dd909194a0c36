import type { Role } from '../../../src/auth/principal';
import { isUniqueViolation } from '../../../src/db/database';
import { DomainError } from '../../../src/errors/domain-error';
import { normalizeEmail } from '../domain/email';
import { findUser, findUserByEmail } from '../infrastructure/user.repository';
import { applyRole, lockUserAndAdmins } from './change-user-role';
import { registerUser } from './register-user';
import type { UsersContext } from './users-context';

type AccountStore = Pick<UsersContext, 'db' | 'passwords'>;

export interface AccountSpec {
  email: string;
  password: string;
  name: string;
  role: Role;
}

/**
 * For seeding and operators: creates the account when no user has the email yet, and otherwise leaves
 * the existing one as it is. Returns the user id either way.
 */
export async function ensureAccount(store: AccountStore, spec: AccountSpec): Promise<string> {
  const existing = await findUserByEmail(store.db, normalizeEmail(spec.email));
  if (existing) return existing.id;
  try {
    const user = await registerUser(store, spec, spec.role);
    return user.id;
  } catch (error) {
    // Someone else created it between our look-up and our insert: theirs is the account.
    const raced = error instanceof DomainError && error.code === 'USERS.EMAIL_TAKEN';
    if (!raced && !isUniqueViolation(error)) throw error;
    const winner = await findUserByEmail(store.db, normalizeEmail(spec.email));
    if (!winner) throw error;
    return winner.id;
  }
}

export interface AdminEnsured {
  userId: string;
  outcome: 'created' | 'promoted' | 'unchanged';
}

/** Creates an admin, or promotes the existing account with that email (its password stays as it is). */
export async function ensureAdmin(store: AccountStore, spec: Omit<AccountSpec, 'role'>): Promise<AdminEnsured> {
  const { db } = store;
  const existing = await findUserByEmail(db, normalizeEmail(spec.email));
  const userId = existing?.id ?? (await ensureAccount(store, { ...spec, role: 'admin' }));
  if (!existing) {
    const created = await findUser(db, userId);
    if (created?.role === 'admin') return { userId, outcome: 'created' };
  }
  return db.transaction(async (trx) => {
    const { user, adminIds } = await lockUserAndAdmins(trx, userId);
    if (!user) throw new Error(`user ${userId} disappeared while being made an admin`);
    if (user.role === 'admin') return { userId, outcome: 'unchanged' as const };
    await applyRole(trx, user, 'admin', adminIds);
    return { userId, outcome: 'promoted' as const };
  });
}
