import type { Knex } from 'knex';
import type { Role } from '../../../src/auth/principal';
import type { User } from '../domain/user';
import { UserModel } from './user.model';

type Db = Knex | Knex.Transaction;
type NewUser = Pick<UserModel, 'id' | 'email' | 'name' | 'phone' | 'defaultShippingAddress' | 'role' | 'passwordHash' | 'emailVerifiedAt' | 'dataKey'>;
type UserChange = Partial<
  Pick<UserModel, 'email' | 'name' | 'phone' | 'defaultShippingAddress' | 'role' | 'passwordHash' | 'emailVerifiedAt' | 'erasedAt' | 'dataKey' | 'updatedAt'>
>;

export interface UserListFilter {
  emailFragment?: string;
  role?: Role;
  /** The id of the last user of the previous page. */
  afterId?: string;
}

export async function findUser(db: Db, userId: string): Promise<User | undefined> {
  return (await UserModel.query(db).findById(userId))?.toUser();
}

export async function findUserByEmail(db: Db, email: string): Promise<User | undefined> {
  return (await UserModel.query(db).findOne({ email }))?.toUser();
}

/** A user with the hash of their password, for the two checks that need it: signing in and changing it. */
export async function findUserWithPassword(db: Db, by: { email: string } | { id: string }): Promise<{ user: User; passwordHash: string } | undefined> {
  const row = await UserModel.query(db).findOne(by);
  return row && { user: row.toUser(), passwordHash: row.passwordHash };
}

export async function lockUser(trx: Knex.Transaction, userId: string): Promise<User | undefined> {
  return (await UserModel.query(trx).findById(userId).forUpdate())?.toUser();
}

/**
 * Locks every admin row (in id order, so concurrent callers queue instead of deadlocking) and returns their ids:
 * two admins demoting each other at once must not leave the shop without one.
 */
export async function lockAdminIds(trx: Knex.Transaction): Promise<string[]> {
  const admins = await UserModel.query(trx).where('role', 'admin').orderBy('id').select('id').forUpdate();
  return admins.map((admin) => admin.id);
}

export async function insertUser(trx: Knex.Transaction, user: NewUser): Promise<User> {
  return (await UserModel.query(trx).insert(user).returning('*')).toUser();
}

export async function updateUser(trx: Knex.Transaction, userId: string, change: UserChange): Promise<User> {
  return (await UserModel.query(trx).patch(change).findById(userId).returning('*').throwIfNotFound()).toUser();
}

export async function userExists(db: Db, userId: string): Promise<boolean> {
  return (await UserModel.query(db).findById(userId).select('id')) !== undefined;
}

/** Newest first by (created_at, id); `limit` rows at most. */
export async function listUsers(db: Db, filter: UserListFilter, limit: number): Promise<User[]> {
  const query = UserModel.query(db)
    .orderBy([
      { column: 'created_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .limit(limit);
  if (filter.afterId) query.whereRaw('(created_at, id) < (select created_at, id from users where id = ?)', [filter.afterId]);
  if (filter.emailFragment) query.whereRaw("email like ? escape '\\'", [likePattern(filter.emailFragment)]);
  if (filter.role !== undefined) query.where('role', filter.role);
  return (await query).map((row) => row.toUser());
}

function likePattern(fragment: string): string {
  return `%${fragment.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
