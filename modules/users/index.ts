import type { Knex } from 'knex';
import type { MartModule, ModuleDependencies } from '../../src/module';
import { RegisterRoutes } from './api/generated/routes';
import { usersSettings } from './application/users-settings';
import { AuthController } from './api/auth.controller';
import { PasswordLogin } from './api/password-login.strategy';
import { UsersController } from './api/users.controller';
import { authenticateUser } from './application/authenticate-user';
import { accessGrantsOf } from './application/access-grants';
import { erasuresInProgress } from './application/erase-user';
import { createSessionPurger } from './application/session-purger';
import { ensureAccount as ensureAccountWith, ensureAdmin as ensureAdminWith, type AccountSpec, type AdminEnsured } from './application/ensure-account';
import type { UsersContext } from './application/users-context';
import { argon2PasswordHasher } from './infrastructure/argon2-password-hasher.adapter';
import { HttpPersonalDataSources } from './infrastructure/http-personal-data-sources.adapter';
import { personalDataSeal } from '../../src/crypto/personal-data';
import { recordErasureProgressWhenCustomerDataErased } from './consumers/record-erasure-progress-when-customer-data-erased.consumer';

export type { AccountSpec, AdminEnsured };

/** Where seeding and operators (scripts/) write accounts: the users database, and the key events are sealed under. */
export interface AccountsStore {
  db: Knex;
  /** PERSONAL_DATA_KEY of the processes that will read the events (`config.personalDataKey`). */
  personalDataKey: Buffer | undefined;
}

/** For seeding and operators: verified accounts with the module's own password hashing. */
export const ensureAccount = (store: AccountsStore, spec: AccountSpec) => ensureAccountWith(accountStore(store), spec);
export const ensureAdmin = (store: AccountsStore, spec: Omit<AccountSpec, 'role'>, options: { promote?: boolean } = {}) =>
  ensureAdminWith(accountStore(store), spec, options);

function accountStore({ db, personalDataKey }: AccountsStore) {
  return { db, passwords: argon2PasswordHasher, personal: personalDataSeal(personalDataKey) };
}

export function createUsersModule(dependencies: ModuleDependencies): MartModule {
  const settings = usersSettings(dependencies.config.environment);
  const context: UsersContext = {
    db: dependencies.db,
    accessTokens: dependencies.accessTokens,
    auth: settings,
    passwords: argon2PasswordHasher,
    personal: personalDataSeal(dependencies.config.personalDataKey),
  };
  const passwordLogin = new PasswordLogin((credentials) => authenticateUser(context, credentials));
  const purger = createSessionPurger(dependencies.db, settings, dependencies.logger, dependencies.outages);
  return {
    name: 'users',
    routes: RegisterRoutes,
    controllers: [new AuthController(context, passwordLogin), new UsersController(context, new HttpPersonalDataSources(dependencies.apiUrl))],
    handlers: recordErasureProgressWhenCustomerDataErased,
    accessGrants: accessGrantsOf(context),
    sideGroupWanted: () => erasuresInProgress(dependencies.db),
    start: async () => purger.start(),
    stop: () => purger.stop(),
  };
}
