import type { Knex } from 'knex';
import type { Principal, Role } from '../../../src/auth/principal';
import type { FieldProblem } from '../../../src/errors/domain-error';
import { Keyset, type Page } from '../../../src/paging/keyset';
import { pageSize, pageSizeProblem } from '../../../src/paging/page-size';
import type { User } from '../domain/user';
import { UserErrors } from '../domain/users.errors';
import { listUsers as queryUsers, userExists } from '../infrastructure/user.repository';
import { requireAdmin } from './require-admin';

export interface UserListQuery {
  limit?: number;
  cursor?: string;
  email?: string;
  role?: Role;
}

// Newest first by (created_at, id); the cursor holds the last user's id and the query reads its position.
const USERS = new Keyset('users', ['uuid'] as const);

/** Newest first, for admins: keyset pagination over (created_at, id), filterable by email fragment and role. */
export async function listUsers(db: Knex, caller: Principal, query: UserListQuery): Promise<Page<User>> {
  const limitProblem = pageSizeProblem(query.limit);
  const problems: FieldProblem[] = limitProblem ? [limitProblem] : [];
  const emailFragment = query.email?.trim().toLowerCase() ?? '';
  if (emailFragment.length > 254) problems.push({ field: 'email', message: 'must be at most 254 characters' });
  if (problems.length > 0) throw UserErrors.validationFailed(problems);
  await requireAdmin(db, caller);

  const afterId = USERS.after(query.cursor, UserErrors.invalidCursor)?.[0];
  if (afterId !== undefined && !(await userExists(db, afterId))) throw UserErrors.invalidCursor();
  return USERS.page(
    pageSize(query.limit),
    (rows) => queryUsers(db, { emailFragment: emailFragment || undefined, role: query.role, afterId }, rows),
    (user) => [user.id],
  );
}
