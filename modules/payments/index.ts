import type { MartModule, ModuleDependencies } from '../../src/module';
import { PaymentsController } from './api/payments.controller';
import { GetPayment } from './application/get-payment';
import { ListPayments } from './application/list-payments';
import { PayForOrder } from './application/pay-for-order';
import { PaymentsWorker } from './application/payments-worker';
import { ProcessRefund } from './application/process-refund';
import { RefundPayment } from './application/refund-payment';
import { closeOrderWhenOrderExpired } from './consumers/close-order-when-order-expired.consumer';
import { closeOrderWhenOrderRejected } from './consumers/close-order-when-order-rejected.consumer';
import { markOrderPaidWhenOrderPaid } from './consumers/mark-order-paid-when-order-paid.consumer';
import { openPaymentWhenOrderAwaitingPayment } from './consumers/open-payment-when-order-awaiting-payment.consumer';
import { refundPaymentWhenOrderCancelled } from './consumers/refund-payment-when-order-cancelled.consumer';
import { refundPaymentWhenPaymentNotAccepted } from './consumers/refund-payment-when-payment-not-accepted.consumer';
import { trackOrderWhenOrderPlaced } from './consumers/track-order-when-order-placed.consumer';
import { SandboxPaymentProvider } from './infrastructure/sandbox-payment-provider';

export function createPaymentsModule({ db, logger, config: { payments: config } }: ModuleDependencies): MartModule {
  const provider = new SandboxPaymentProvider(config.providerTimeoutMs);
  const processRefund = new ProcessRefund(db, provider, logger);
  const worker = new PaymentsWorker(db, provider, processRefund, config, logger);
  const controller = new PaymentsController({
    payForOrder: new PayForOrder(db, provider, config, processRefund, logger),
    getPayment: new GetPayment(db),
    listPayments: new ListPayments(db),
    refundPayment: new RefundPayment(db, processRefund),
  });
  return {
    name: 'payments',
    controllers: [controller],
    handlers: [
      trackOrderWhenOrderPlaced,
      openPaymentWhenOrderAwaitingPayment,
      markOrderPaidWhenOrderPaid,
      closeOrderWhenOrderExpired(logger),
      closeOrderWhenOrderRejected(logger),
      refundPaymentWhenOrderCancelled(logger),
      refundPaymentWhenPaymentNotAccepted(logger),
    ],
    start: async () => worker.start(),
    stop: () => worker.stop(),
  };
}
