import type { MartModule, ModuleDependencies } from '../../src/module';
import { OrdersController } from './api/orders.controller';
import { createExpirySweeper } from './application/expiry-sweeper';
import { addToCatalogWhenProductCreated } from './consumers/add-to-catalog-when-product-created.consumer';
import { awaitPaymentWhenStockReserved } from './consumers/await-payment-when-stock-reserved.consumer';
import { markOrderPaidWhenPaymentSucceeded } from './consumers/mark-order-paid-when-payment-succeeded.consumer';
import { rejectOrderWhenStockReservationFailed } from './consumers/reject-order-when-stock-reservation-failed.consumer';
import { updateCatalogWhenProductUpdated } from './consumers/update-catalog-when-product-updated.consumer';
import { withdrawFromCatalogWhenProductArchived } from './consumers/withdraw-from-catalog-when-product-archived.consumer';

export function createOrdersModule({ config, db, logger }: ModuleDependencies): MartModule {
  const sweeper = createExpirySweeper(db, config.orders.expirySweepIntervalMs, logger);
  return {
    name: 'orders',
    controllers: [new OrdersController(db)],
    handlers: [
      addToCatalogWhenProductCreated,
      updateCatalogWhenProductUpdated,
      withdrawFromCatalogWhenProductArchived,
      awaitPaymentWhenStockReserved(config.orders.paymentTimeoutSeconds),
      rejectOrderWhenStockReservationFailed,
      markOrderPaidWhenPaymentSucceeded,
    ],
    start: async () => sweeper.start(),
    stop: () => sweeper.stop(),
  };
}
