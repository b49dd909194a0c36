import type { MartModule, ModuleDependencies } from '../../src/module';

export function createOrdersModule(_dependencies: ModuleDependencies): MartModule {
  return { name: 'orders', controllers: [], handlers: [] };
}
