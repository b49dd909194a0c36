import type { Knex } from 'knex';
import type { Principal, Role } from '../../../src/auth/principal';
import type { FieldProblem } from '../../../src/errors/domain-error';
import { pageSize, pageSizeProblem } from '../../../src/paging/page-size';
import type { User } from '../domain/user';
import { UserErrors } from '../domain/users.errors';
import { decodeUserCursor, encodeUserCursor } from '../domain/user-cursor';
import { listUsers as queryUsers, userExists } from '../infrastructure/user.repository';
import { requireAdmin } from './require-admin';

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

/** Newest first, for admins: keyset pagination over (created_at, id), filterable by email fragment and role. */
export async function listUsers(db: Knex, caller: Principal, query: UserListQuery): Promise<UserPage> {
  const limitProblem = pageSizeProblem(query.limit);
  const problems: FieldProblem[] = limitProblem ? [limitProblem] : [];
  const limit = pageSize(query.limit);
  const emailFragment = query.email?.trim().toLowerCase() ?? '';
  if (emailFragment.length > 254) problems.push({ field: 'email', message: 'must be at most 254 characters' });
  if (problems.length > 0) throw UserErrors.validationFailed(problems);
  await requireAdmin(db, caller);

  const afterId = query.cursor === undefined ? undefined : decodeUserCursor(query.cursor);
  if (afterId !== undefined && !(await userExists(db, afterId))) throw UserErrors.invalidCursor();
  const rows = await queryUsers(db, { emailFragment: emailFragment || undefined, role: query.role, afterId }, limit + 1);
  const page = rows.slice(0, limit);
  const hasMore = rows.length > limit;
  return { items: page.map((row) => row.toUser()), nextCursor: hasMore ? encodeUserCursor(page[page.length - 1].id) : null };
}
