import type { Knex } from 'knex';
import type { MartModule, ModuleDependencies } from '../../src/module';
import { RegisterRoutes } from './api/generated/routes';
import { usersSettings } from './application/users-settings';
import { AuthController } from './api/auth.controller';
import { PasswordLogin } from './api/password-login.strategy';
import { UsersController } from './api/users.controller';
import { authenticateUser } from './application/authenticate-user';
import { accessGrantsOf } from './application/access-grants';
import { createSessionPurger } from './application/session-purger';
import { ensureAccount as ensureAccountWith, ensureAdmin as ensureAdminWith, type AccountSpec, type AdminEnsured } from './application/ensure-account';
import type { UsersContext } from './application/users-context';
import { argon2PasswordHasher } from './infrastructure/argon2-password-hasher.adapter';

export type { AccountSpec, AdminEnsured };

/** For seeding and operators (scripts/): accounts with the module's own password hashing. */
export const ensureAccount = (db: Knex, spec: AccountSpec) => ensureAccountWith({ db, passwords: argon2PasswordHasher }, spec);
export const ensureAdmin = (db: Knex, spec: Omit<AccountSpec, 'role'>, options: { promote?: boolean } = {}) =>
  ensureAdminWith({ db, passwords: argon2PasswordHasher }, spec, options);

export function createUsersModule(dependencies: ModuleDependencies): MartModule {
  const settings = usersSettings(dependencies.config.environment);
  const context: UsersContext = {
    db: dependencies.db,
    accessTokens: dependencies.accessTokens,
    auth: settings,
    passwords: argon2PasswordHasher,
  };
  const passwordLogin = new PasswordLogin((credentials) => authenticateUser(context, credentials));
  const purger = createSessionPurger(dependencies.db, settings, dependencies.logger, dependencies.outages);
  return {
    name: 'users',
    routes: RegisterRoutes,
    controllers: [new AuthController(context, passwordLogin), new UsersController(context)],
    handlers: [],
    accessGrants: accessGrantsOf(context),
    start: async () => purger.start(),
    stop: () => purger.stop(),
  };
}
