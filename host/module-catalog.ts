import { createInventoryModule } from '../modules/inventory/index';
import { createNotificationsModule } from '../modules/notifications/index';
import { createOrdersModule } from '../modules/orders/index';
import { createPaymentsModule } from '../modules/payments/index';
import { createProductsModule } from '../modules/products/index';
import { createUsersModule } from '../modules/users/index';
import type { ModuleName } from '../src/module-names';
import type { ModuleFactory } from '../src/module';

/** The composition root's list of modules: the only place that imports them. */
export const moduleFactories: Record<ModuleName, ModuleFactory> = {
  users: createUsersModule,
  products: createProductsModule,
  inventory: createInventoryModule,
  orders: createOrdersModule,
  payments: createPaymentsModule,
  notifications: createNotificationsModule,
};
