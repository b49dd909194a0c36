import type { Role } from '../../../src/auth/principal';
import { UserErrors } from './users.errors';

/** The shop must always keep someone who can administer it. */
export function assertAnAdminRemains(currentRole: Role, newRole: Role, adminCount: number): void {
  if (currentRole === 'admin' && newRole !== 'admin' && adminCount <= 1) throw UserErrors.lastAdmin();
}
