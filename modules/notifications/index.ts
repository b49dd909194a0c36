import type { MartModule, ModuleDependencies } from '../../src/module';

export function createNotificationsModule(_dependencies: ModuleDependencies): MartModule {
  return { name: 'notifications', controllers: [], handlers: [] };
}
