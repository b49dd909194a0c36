import type { MartModule, ModuleDependencies } from '../../src/module';

export function createUsersModule(_dependencies: ModuleDependencies): MartModule {
  return { name: 'users', controllers: [], handlers: [] };
}
