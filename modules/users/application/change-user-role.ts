import type { Knex } from 'knex';
import { UserStream } from '../../../proto/streams';
import type { Principal, Role } from '../../../src/auth/principal';
import type { PersonalDataSeal } from '../../../src/crypto/personal-data';
import { recordEvent } from '../../../src/messaging/outbox';
import { isUuid } from '../../../src/validation/uuid';
import { assertAnAdminRemains } from '../domain/role-change';
import type { User } from '../domain/user';
import { profileSnapshot } from './user-event-payloads';
import { UserErrors } from '../domain/users.errors';
import { lockAdminIds, lockUser, updateUser } from '../infrastructure/user.repository';
import type { UsersContext } from './users-context';

/** Sets a locked user's role and records the change; a no-op when the role is already set. */
export async function applyRole(trx: Knex.Transaction, personal: PersonalDataSeal, user: User, role: Role, adminIds: readonly string[]): Promise<User> {
  if (user.role === role) return user;
  if (user.erasedAt !== null) throw UserErrors.notFound();
  assertAnAdminRemains(user.role, role, adminIds.length);
  const previousRole = user.role;
  const updated = await updateUser(trx, user.id, { role, updatedAt: new Date() });
  await recordEvent(trx, UserStream, user.id, 'userRoleChanged', { ...(await profileSnapshot(trx, personal, updated)), previousRole });
  return updated;
}

export async function lockUserAndAdmins(trx: Knex.Transaction, userId: string) {
  // Admins first, then the user: two admins demoting each other at once must not leave the shop without one.
  const adminIds = await lockAdminIds(trx);
  const user = await lockUser(trx, userId);
  return { user, adminIds };
}

export async function changeUserRole({ db, personal }: Pick<UsersContext, 'db' | 'personal'>, caller: Principal, userId: string, role: Role): Promise<User> {
  if (caller.role !== 'admin') throw UserErrors.adminOnly();
  if (!isUuid(userId)) throw UserErrors.notFound();
  return db.transaction(async (trx) => {
    const { user, adminIds } = await lockUserAndAdmins(trx, userId);
    if (!adminIds.includes(caller.userId)) throw UserErrors.adminOnly();
    if (!user) throw UserErrors.notFound();
    return applyRole(trx, personal, user, role, adminIds);
  });
}
