import type { MartModule, ModuleDependencies } from '../../src/module';
import { RegisterRoutes } from './api/generated/routes';
import { InventoryController } from './api/inventory.controller';
import { StockLocationController } from './api/stock-location.controller';
import { lockRowsOfBatch } from './application/lock-rows-of-batch';
import { commitStockWhenFulfilmentShipped } from './consumers/commit-stock-when-fulfilment-shipped.consumer';
import { moveAllocationWhenFulfilmentCreated } from './consumers/move-allocation-when-fulfilment-created.consumer';
import { restockWhenReturnReceived } from './consumers/restock-when-return-received.consumer';
import { openStockItemWhenVariantCreated } from './consumers/open-stock-item-when-variant-created.consumer';
import { releaseOrReturnStockWhenOrderCancelled } from './consumers/release-or-return-stock-when-order-cancelled.consumer';
import { releaseStockWhenOrderExpired } from './consumers/release-stock-when-order-expired.consumer';
import { reserveStockWhenOrderPlaced } from './consumers/reserve-stock-when-order-placed.consumer';

export function createInventoryModule({ db }: ModuleDependencies): MartModule {
  return {
    name: 'inventory',
    // Stock rows are shared by every order of a variant: each batch locks all of its rows first (reservations, then stock in variant order).
    partitionsConsumedConcurrently: 3,
    lockBatch: lockRowsOfBatch,
    routes: RegisterRoutes,
    controllers: [new InventoryController(db), new StockLocationController(db)],
    handlers: [
      openStockItemWhenVariantCreated,
      reserveStockWhenOrderPlaced,
      releaseOrReturnStockWhenOrderCancelled,
      releaseStockWhenOrderExpired,
      moveAllocationWhenFulfilmentCreated,
      commitStockWhenFulfilmentShipped,
      restockWhenReturnReceived,
    ],
  };
}
