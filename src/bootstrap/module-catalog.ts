import { createInventoryModule } from '../../modules/inventory';
import { createNotificationsModule } from '../../modules/notifications';
import { createOrdersModule } from '../../modules/orders';
import { createPaymentsModule } from '../../modules/payments';
import { createProductsModule } from '../../modules/products';
import { createUsersModule } from '../../modules/users';
import type { ModuleName } from '../module-names';
import type { ModuleFactory } from '../module';

/** The composition root's list of modules: the only place that imports them. */
export const moduleFactories: Record<ModuleName, ModuleFactory> = {
  users: createUsersModule,
  products: createProductsModule,
  inventory: createInventoryModule,
  orders: createOrdersModule,
  payments: createPaymentsModule,
  notifications: createNotificationsModule,
};
