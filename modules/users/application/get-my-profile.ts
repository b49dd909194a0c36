import type { Knex } from 'knex';
import type { Principal } from '../../../src/auth/principal';
import type { User } from '../domain/user';
import { UserErrors } from '../domain/users.errors';
import { UserModel } from '../infrastructure/user.model';

export async function getMyProfile(db: Knex, caller: Principal): Promise<User> {
  const user = await UserModel.query(db).findById(caller.userId);
  if (!user) throw UserErrors.notFound();
  return user.toUser();
}
