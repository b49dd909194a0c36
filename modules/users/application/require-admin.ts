import type { Knex } from 'knex';
import type { Principal } from '../../../src/auth/principal';
import { UserErrors } from '../domain/users.errors';
import { findUser } from '../infrastructure/user.repository';

/**
 * The route already demands an admin token; this checks the caller's current role as well, because an
 * access token keeps the role it was issued with until it expires.
 */
export async function requireAdmin(db: Knex, caller: Principal): Promise<void> {
  if (caller.role !== 'admin') throw UserErrors.adminOnly();
  const current = await findUser(db, caller.userId);
  if (current?.role !== 'admin') throw UserErrors.adminOnly();
}
