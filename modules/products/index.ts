import type { MartModule, ModuleDependencies } from '../../src/module';
import { RegisterRoutes } from './api/generated/routes';
import { CategoryController } from './api/category.controller';
import { ProductController } from './api/product.controller';
import { VariantController } from './api/variant.controller';
import { updateStockFlagWhenStockLevelChanged } from './consumers/update-stock-flag-when-stock-level-changed.consumer';

export function createProductsModule({ db }: ModuleDependencies): MartModule {
  return {
    name: 'products',
    routes: RegisterRoutes,
    controllers: [new ProductController(db), new VariantController(db), new CategoryController(db)],
    handlers: [updateStockFlagWhenStockLevelChanged],
  };
}
