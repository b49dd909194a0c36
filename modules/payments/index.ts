import type { MartModule, ModuleDependencies } from '../../src/module';

export function createPaymentsModule(_dependencies: ModuleDependencies): MartModule {
  return { name: 'payments', controllers: [], handlers: [] };
}
