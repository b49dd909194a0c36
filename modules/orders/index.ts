import { ShippingOptionsController } from './api/shipping/shipping-options.controller';
import { ShippingZonesController } from './api/shipping/shipping-zones.controller';
import { TaxRegionsController } from './api/tax/tax-regions.controller';
import { addToCatalogWhenVariantCreated } from './consumers/add-to-catalog-when-variant-created.consumer';
import { updateCatalogWhenVariantUpdated } from './consumers/update-catalog-when-variant-updated.consumer';
import { withdrawFromCatalogWhenVariantArchived } from './consumers/withdraw-from-catalog-when-variant-archived.consumer';
import type { MartModule, ModuleDependencies } from '../../src/module';
import { FulfilmentsController } from './api/fulfilments/fulfilments.controller';
import { OrderFulfilmentsController } from './api/fulfilments/order-fulfilments.controller';
import { OrderReturnsController } from './api/returns/order-returns.controller';
import { ReturnsController } from './api/returns/returns.controller';
import { closeReturnWhenReturnRefundNotIssued } from './consumers/close-return-when-return-refund-not-issued.consumer';
import { recordRefundWhenPaymentRefunded } from './consumers/record-refund-when-payment-refunded.consumer';
import { RegisterRoutes } from './api/generated/routes';
import { ordersSettings } from './application/orders-settings';
import { CartController } from './api/cart/cart.controller';
import { OrdersController } from './api/orders.controller';
import { PromotionsController } from './api/promotions/promotions.controller';
import { createCartSweeper } from './application/cart/cart-sweeper';
import { createExpirySweeper } from './application/expiry-sweeper';
import { addToCatalogWhenProductCreated } from './consumers/add-to-catalog-when-product-created.consumer';
import { cancelFulfilmentWhenStockAllocationMoveRefused } from './consumers/cancel-fulfilment-when-stock-allocation-move-refused.consumer';
import { holdFulfilmentWhenStockAllocationMoved } from './consumers/hold-fulfilment-when-stock-allocation-moved.consumer';
import { awaitPaymentWhenStockReserved } from './consumers/await-payment-when-stock-reserved.consumer';
import { markOrderPaidWhenPaymentSucceeded } from './consumers/mark-order-paid-when-payment-succeeded.consumer';
import { recordDefaultAddressWhenUserProfileUpdated } from './consumers/record-default-address-when-user-profile-updated.consumer';
import { recordDefaultAddressWhenUserRegistered } from './consumers/record-default-address-when-user-registered.consumer';
import { eraseCustomerDataWhenUserErased } from './consumers/erase-customer-data-when-user-erased.consumer';
import { personalDataSeal } from '../../src/crypto/personal-data';
import { recordStockLevelWhenStockLevelChanged } from './consumers/record-stock-level-when-stock-level-changed.consumer';
import { rejectOrderWhenStockReservationFailed } from './consumers/reject-order-when-stock-reservation-failed.consumer';
import { updateCatalogWhenProductUpdated } from './consumers/update-catalog-when-product-updated.consumer';
import { withdrawFromCatalogWhenProductArchived } from './consumers/withdraw-from-catalog-when-product-archived.consumer';

export function createOrdersModule({ config: { environment, personalDataKey }, db, logger, outages }: ModuleDependencies): MartModule {
  const settings = ordersSettings(environment);
  const seal = personalDataSeal(personalDataKey);
  const sweeper = createExpirySweeper(db, settings.expirySweepIntervalMs, logger, outages);
  const cartSweeper = createCartSweeper(db, settings, logger, outages);
  return {
    name: 'orders',
    // An order's row is locked by reservation and payment events only, and its payment event exists only after
    // its reservation event was handled; catalogue, stock and address rows each come from one topic, by its key.
    partitionsConsumedConcurrently: 3,
    routes: RegisterRoutes,
    controllers: [
      new OrdersController(db, settings),
      new CartController(db, settings),
      new PromotionsController(db),
      new ShippingZonesController(db),
      new ShippingOptionsController(db),
      new TaxRegionsController(db),
      new OrderFulfilmentsController(db),
      new FulfilmentsController(db),
      new OrderReturnsController(db, settings),
      new ReturnsController(db),
    ],
    handlers: [
      addToCatalogWhenProductCreated,
      updateCatalogWhenProductUpdated,
      withdrawFromCatalogWhenProductArchived,
      addToCatalogWhenVariantCreated,
      updateCatalogWhenVariantUpdated,
      withdrawFromCatalogWhenVariantArchived,
      recordStockLevelWhenStockLevelChanged,
      recordDefaultAddressWhenUserRegistered(seal),
      recordDefaultAddressWhenUserProfileUpdated(seal),
      eraseCustomerDataWhenUserErased,
      awaitPaymentWhenStockReserved(settings.paymentTimeoutSeconds),
      rejectOrderWhenStockReservationFailed,
      markOrderPaidWhenPaymentSucceeded,
      holdFulfilmentWhenStockAllocationMoved,
      cancelFulfilmentWhenStockAllocationMoveRefused,
      recordRefundWhenPaymentRefunded,
      closeReturnWhenReturnRefundNotIssued,
    ],
    start: async () => {
      sweeper.start();
      cartSweeper.start();
    },
    stop: async () => {
      await Promise.all([sweeper.stop(), cartSweeper.stop()]);
    },
  };
}
