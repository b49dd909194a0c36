import type { Knex } from 'knex';
import type { Principal } from '../../../src/auth/principal';
import type { User } from '../domain/user';
import { UserErrors } from '../domain/users.errors';
import { findUser } from '../infrastructure/user.repository';

export async function getMyProfile(db: Knex, caller: Principal): Promise<User> {
  const user = await findUser(db, caller.userId);
  if (!user) throw UserErrors.notFound();
  return user;
}
