import type { Knex } from 'knex';
import { PeriodicTask } from '../../../src/jobs/periodic-task';
import type { Logger } from '../../../src/logging/logger';
import type { PaymentProvider } from '../domain/payment-provider';
import { PaymentModel } from '../infrastructure/payment.model';
import type { Config } from '../../../src/config/config';
import type { ProcessRefund } from './process-refund';
import { settleCharge } from './settle-charge';

const BATCH = 20;

/**
 * Background settlement: payments left PROCESSING (the request timed out or the process died mid-charge)
 * are decided by asking the provider under the same key, and owed refunds are given back.
 */
export class PaymentsWorker {
  private readonly task: PeriodicTask;

  constructor(
    private readonly db: Knex,
    private readonly provider: PaymentProvider,
    private readonly processRefund: ProcessRefund,
    private readonly config: Config['payments'],
    private readonly logger: Logger,
  ) {
    this.task = new PeriodicTask({ name: 'payments-worker', intervalMs: config.workerIntervalMs, logger, work: () => this.runOnce() });
  }

  start(): void {
    this.task.start();
  }

  stop(): Promise<void> {
    return this.task.stop();
  }

  async runOnce(): Promise<void> {
    await this.reconcileStalePayments();
    await this.performOwedRefunds();
  }

  private async reconcileStalePayments(): Promise<void> {
    const stale = await PaymentModel.query(this.db)
      .where('status', 'PROCESSING')
      .where('created_at', '<', new Date(Date.now() - this.config.reconcileAfterMs))
      .orderBy('created_at')
      .limit(BATCH);
    for (const payment of stale) {
      try {
        // Not known to the provider under its key means the charge never happened.
        const outcome = (await this.provider.findCharge(payment.id)) ?? { status: 'timed_out' as const };
        const { owedRefundId } = await settleCharge(this.db, payment.id, outcome);
        if (owedRefundId) await this.processRefund.execute(owedRefundId);
      } catch (error) {
        this.logger.warn({ err: error, paymentId: payment.id }, 'could not reconcile a processing payment; will retry');
      }
    }
  }

  private async performOwedRefunds(): Promise<void> {
    const staleClaim = new Date(Date.now() - this.config.reconcileAfterMs);
    const claimed: { rows: { id: string }[] } = await this.db.raw(
      `update refunds set attempt_started_at = now()
        where id in (select id from refunds
                      where status = 'PENDING' and (attempt_started_at is null or attempt_started_at < ?)
                      order by created_at limit ? for update skip locked)
        returning id`,
      [staleClaim, BATCH],
    );
    for (const { id } of claimed.rows) await this.processRefund.execute(id);
  }
}
