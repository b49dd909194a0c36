import type { Knex } from 'knex';
import { UserStream } from '../../../proto/streams';
import type { Principal, Role } from '../../../src/auth/principal';
import { recordEvent } from '../../../src/messaging/outbox';
import { isUuid } from '../../../src/validation/uuid';
import { assertAnAdminRemains } from '../domain/role-change';
import { profileSnapshot, type User } from '../domain/user';
import { UserErrors } from '../domain/users.errors';
import { UserModel } from '../infrastructure/user.model';

/**
 * Locks every admin row (in id order, so concurrent callers queue instead of deadlocking): two admins
 * demoting each other at once must not leave the shop without one.
 */
async function lockAdmins(trx: Knex.Transaction): Promise<string[]> {
  const admins = await UserModel.query(trx).where('role', 'admin').orderBy('id').select('id').forUpdate();
  return admins.map((admin) => admin.id);
}

/** Sets a locked user's role and records the change; a no-op when the role is already set. */
export async function applyRole(trx: Knex.Transaction, user: UserModel, role: Role, adminIds: readonly string[]): Promise<User> {
  if (user.role === role) return user.toUser();
  assertAnAdminRemains(user.role, role, adminIds.length);
  const previousRole = user.role;
  const updated = await user.$query(trx).patchAndFetch({ role, updatedAt: new Date() });
  const { userId, email, name, phone, defaultShippingAddress } = profileSnapshot(updated.toUser());
  await recordEvent(trx, UserStream, userId, 'userRoleChanged', {
    userId,
    previousRole,
    role,
    email,
    name,
    phone,
    defaultShippingAddress,
  });
  return updated.toUser();
}

export async function lockUserAndAdmins(trx: Knex.Transaction, userId: string) {
  const adminIds = await lockAdmins(trx);
  const user = await UserModel.query(trx).findById(userId).forUpdate();
  return { user, adminIds };
}

export async function changeUserRole(db: Knex, caller: Principal, userId: string, role: Role): Promise<User> {
  if (caller.role !== 'admin') throw UserErrors.adminOnly();
  if (!isUuid(userId)) throw UserErrors.notFound();
  return db.transaction(async (trx) => {
    const { user, adminIds } = await lockUserAndAdmins(trx, userId);
    if (!adminIds.includes(caller.userId)) throw UserErrors.adminOnly();
    if (!user) throw UserErrors.notFound();
    return applyRole(trx, user, role, adminIds);
  });
}
