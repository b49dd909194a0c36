import type { MartModule, ModuleDependencies } from '../../src/module';
import { AuthController } from './api/auth.controller';
import { PasswordLogin } from './api/password-login';
import { UsersController } from './api/users.controller';
import { authenticateUser } from './application/authenticate-user';
import type { UsersContext } from './application/users-context';

export { ensureAccount, ensureAdmin, type AccountSpec, type AdminEnsured } from './application/ensure-account';

export function createUsersModule(dependencies: ModuleDependencies): MartModule {
  const context: UsersContext = { db: dependencies.db, accessTokens: dependencies.accessTokens, auth: dependencies.config.auth };
  const passwordLogin = new PasswordLogin((credentials) => authenticateUser(context.db, context.auth, credentials));
  return {
    name: 'users',
    controllers: [new AuthController(context, passwordLogin), new UsersController(context)],
    handlers: [],
  };
}
