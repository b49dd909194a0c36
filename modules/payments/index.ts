import type { MartModule, ModuleDependencies } from '../../src/module';
import { RegisterRoutes } from './api/generated/routes';
import { paymentsSettings } from './application/payments-settings';
import { PaymentsController } from './api/payments.controller';
import type { PaymentsDependencies } from './application/payments-dependencies';
import { HeldCharges } from './application/held-charges';
import { createPaymentsWorker } from './application/payments-worker';
import { closeOrderWhenOrderExpired } from './consumers/close-order-when-order-expired.consumer';
import { closeOrderWhenOrderRejected } from './consumers/close-order-when-order-rejected.consumer';
import { markOrderPaidWhenOrderPaid } from './consumers/mark-order-paid-when-order-paid.consumer';
import { openPaymentWhenOrderAwaitingPayment } from './consumers/open-payment-when-order-awaiting-payment.consumer';
import { refundPaymentWhenOrderCancelled } from './consumers/refund-payment-when-order-cancelled.consumer';
import { refundPaymentWhenPaymentNotAccepted } from './consumers/refund-payment-when-payment-not-accepted.consumer';
import { refundReturnWhenReturnReceived } from './consumers/refund-return-when-return-received.consumer';
import { trackOrderWhenOrderPlaced } from './consumers/track-order-when-order-placed.consumer';
import { SandboxPaymentProvider } from './infrastructure/sandbox-payment-provider.adapter';

import { eraseCustomerDataWhenUserErased } from './consumers/erase-customer-data-when-user-erased.consumer';
export function createPaymentsModule({ db, logger, outages, config: { environment, env } }: ModuleDependencies): MartModule {
  const config = paymentsSettings(environment, env);
  const deps: PaymentsDependencies = { db, provider: new SandboxPaymentProvider(config.providerTimeoutMs), config, logger };
  const heldCharges = new HeldCharges(deps);
  const worker = createPaymentsWorker(deps, heldCharges, outages);
  return {
    name: 'payments',
    // Its handlers read OrderStream only and lock only the event's order and its payments.
    partitionsConsumedConcurrently: 3,
    routes: RegisterRoutes,
    controllers: [new PaymentsController(deps)],
    handlers: [
      trackOrderWhenOrderPlaced,
      openPaymentWhenOrderAwaitingPayment(heldCharges),
      markOrderPaidWhenOrderPaid,
      closeOrderWhenOrderExpired(logger),
      closeOrderWhenOrderRejected(logger),
      refundPaymentWhenOrderCancelled(logger),
      refundPaymentWhenPaymentNotAccepted(logger),
      refundReturnWhenReturnReceived(logger),
      eraseCustomerDataWhenUserErased,
    ],
    start: async () => worker.start(),
    stop: async () => {
      await worker.stop();
      await heldCharges.drain();
    },
  };
}
