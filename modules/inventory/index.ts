import type { MartModule, ModuleDependencies } from '../../src/module';

export function createInventoryModule(_dependencies: ModuleDependencies): MartModule {
  return { name: 'inventory', controllers: [], handlers: [] };
}
