import type { MartModule, ModuleDependencies } from '../../src/module';

export function createProductsModule(_dependencies: ModuleDependencies): MartModule {
  return { name: 'products', controllers: [], handlers: [] };
}
