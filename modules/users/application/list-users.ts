import type { Knex } from 'knex';
import type { Principal, Role } from '../../../src/auth/principal';
import type { FieldProblem } from '../../../src/errors/domain-error';
import { decodeOpaqueCursor, encodeOpaqueCursor } from '../../../src/paging/opaque-cursor';
import { pageSize, pageSizeProblem } from '../../../src/paging/page-size';
import type { User } from '../domain/user';
import { UserErrors } from '../domain/users.errors';
import { UserModel } from '../infrastructure/user.model';
import { requireAdmin } from './require-admin';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface UserListQuery {
  limit?: number;
  cursor?: string;
  email?: string;
  role?: Role;
}

export interface UserPage {
  items: User[];
  nextCursor: string | null;
}

/** Cursors are opaque to clients: the id of the last user on the page. */
export function encodeCursor(userId: string): string {
  return encodeOpaqueCursor(userId);
}

export function decodeCursor(cursor: string): string {
  const id = decodeOpaqueCursor(cursor);
  if (typeof id !== 'string' || !UUID.test(id)) throw UserErrors.invalidCursor();
  return id;
}

function likePattern(fragment: string): string {
  return `%${fragment.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Newest first, for admins: keyset pagination over (created_at, id), filterable by email fragment and role. */
export async function listUsers(db: Knex, caller: Principal, query: UserListQuery): Promise<UserPage> {
  const limitProblem = pageSizeProblem(query.limit);
  const problems: FieldProblem[] = limitProblem ? [limitProblem] : [];
  const limit = pageSize(query.limit);
  const emailFragment = query.email?.trim().toLowerCase() ?? '';
  if (emailFragment.length > 254) problems.push({ field: 'email', message: 'must be at most 254 characters' });
  if (problems.length > 0) throw UserErrors.validationFailed(problems);
  await requireAdmin(db, caller);

  const builder = UserModel.query(db)
    .orderBy([
      { column: 'created_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .limit(limit + 1);
  if (query.cursor !== undefined) {
    const afterId = decodeCursor(query.cursor);
    const after = await UserModel.query(db).findById(afterId).select('id');
    if (!after) throw UserErrors.invalidCursor();
    builder.whereRaw('(created_at, id) < (select created_at, id from users where id = ?)', [afterId]);
  }
  if (emailFragment) builder.whereRaw("email like ? escape '\\'", [likePattern(emailFragment)]);
  if (query.role !== undefined) builder.where('role', query.role);

  const rows = await builder;
  const page = rows.slice(0, limit);
  const hasMore = rows.length > limit;
  return { items: page.map((row) => row.toUser()), nextCursor: hasMore ? encodeCursor(page[page.length - 1].id) : null };
}
