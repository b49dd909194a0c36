import type { Outages } from '../../../src/health/outages';
import { PeriodicTask } from '../../../src/jobs/periodic-task';
import { lockPayableOrder } from '../infrastructure/payable-order.repository';
import { expireHoldsRequiringOrder, findOrdersWithUndecidedHolds, findStaleProcessingPayments } from '../infrastructure/payment.repository';
import { claimOwedRefunds } from '../infrastructure/refund.repository';
import { decideHeldPayments } from './decide-held-payments';
import type { HeldCharges } from './held-charges';
import type { PaymentsDependencies } from './payments-dependencies';
import { processRefund } from './process-refund';
import { settleChargeAndRefundIfOwed } from './settle-charge';

const BATCH = 20;

/**
 * Background settlement: payments left PROCESSING (the request timed out or the process died mid-charge)
 * are decided by asking the provider under the same key, and owed refunds are given back. Held payments an
 * event should have decided (the process died after its commit) are decided, and holds whose order never
 * appeared expire.
 */
export function createPaymentsWorker(deps: PaymentsDependencies, heldCharges: HeldCharges, outages: Outages): PeriodicTask {
  return new PeriodicTask({
    name: 'payments-worker',
    intervalMs: deps.config.workerIntervalMs,
    logger: deps.logger,
    outages,
    work: async () => {
      await reconcileStalePayments(deps);
      await performOwedRefunds(deps);
      await decideMissedHolds(deps, heldCharges);
      await expireHoldsRequiringOrder(deps.db, new Date(Date.now() - deps.config.holdExpiresAfterMs), new Date());
    },
  });
}

async function reconcileStalePayments(deps: PaymentsDependencies): Promise<void> {
  const stale = await findStaleProcessingPayments(deps.db, new Date(Date.now() - deps.config.reconcileAfterMs), BATCH);
  for (const payment of stale) {
    try {
      // Not known to the provider under its key means the charge never happened.
      const outcome = (await deps.provider.findCharge(payment.id)) ?? { status: 'timed_out' as const };
      await settleChargeAndRefundIfOwed(deps, payment.id, outcome);
    } catch (error) {
      deps.logger.warn({ err: error, paymentId: payment.id }, 'could not reconcile a processing payment; will retry');
    }
  }
}

async function performOwedRefunds(deps: PaymentsDependencies): Promise<void> {
  const claimed = await claimOwedRefunds(deps.db, new Date(Date.now() - deps.config.reconcileAfterMs), BATCH);
  for (const refundId of claimed) await processRefund(deps, refundId);
}

async function decideMissedHolds(deps: PaymentsDependencies, heldCharges: HeldCharges): Promise<void> {
  for (const orderId of await findOrdersWithUndecidedHolds(deps.db, BATCH)) {
    const charges = await deps.db.transaction(async (trx) => {
      const order = await lockPayableOrder(trx, orderId);
      return order ? decideHeldPayments(trx, [order], new Date()) : [];
    });
    heldCharges.start(charges);
  }
}
