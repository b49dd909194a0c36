import type { Logger } from '../logging/logger';

export const CURRENT_ROLE_SQL = 'select current_user as name, rolsuper as superuser from pg_roles where rolname = current_user';

export class SuperuserAtRuntimeError extends Error {}

/**
 * A process signs in to PostgreSQL at runtime as a role of least privilege (DATABASE_URL_<MODULE>,
 * DATABASE_URL_RELAY): in production a superuser connection is refused, elsewhere it is warned about. When the
 * database cannot be asked (it is away), the process starts anyway and rides the outage out as usual.
 */
export async function refuseSuperuserAtRuntime(
  what: string,
  currentRole: () => Promise<{ name: string; superuser: boolean } | undefined>,
  options: { production: boolean; logger: Logger },
): Promise<void> {
  let role: { name: string; superuser: boolean } | undefined;
  try {
    role = await currentRole();
  } catch (error) {
    options.logger.warn({ err: error, what }, 'could not check the database role at start');
    return;
  }
  if (!role?.superuser) return;
  const message = `${what} signs in to PostgreSQL as the superuser ${role.name}: give it a role of its own (see DATABASE_URL_<MODULE>, DATABASE_URL_RELAY)`;
  if (options.production) throw new SuperuserAtRuntimeError(message);
  options.logger.warn(message);
}
