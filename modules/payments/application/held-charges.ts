import { setTimeout as sleep } from 'node:timers/promises';
import { unavailableDependency } from '../../../src/health/dependency-errors';
import { Backoff } from '../../../src/health/outages';
import type { Logger } from '../../../src/logging/logger';
import { PaymentMethodRejectedError } from './payment-provider.port';
import type { HeldCharge } from './decide-held-payments';
import type { PaymentsDependencies } from './payments-dependencies';
import { MergingQueue } from '../../../src/jobs/merging-queue';
import type { Payment } from '../domain/payment';
import { settleChargesAndRefundIfOwed, type ChargeAnswered, type ChargeOutcome } from './settle-charge';

/**
 * Sends held payments that started processing to the provider, off the consumer's path, and keeps track of
 * them so a shutdown waits for their outcome. A charge whose process dies before it is sent stays PROCESSING
 * and is settled by the reconciler (the provider never saw it: FAILED with processor_timeout).
 */
export class HeldCharges {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly log: Logger;
  private stopping = false;
  /** Answers that arrive together are recorded together: one transaction for a burst of charges, not one each. */
  private readonly answers: MergingQueue<ChargeAnswered, Payment>;

  constructor(private readonly deps: PaymentsDependencies) {
    this.log = deps.logger.child({ component: 'held-charges' });
    this.answers = new MergingQueue(async (answered) => {
      const settled = await settleChargesAndRefundIfOwed(deps, answered);
      return answered.map(({ paymentId }) => settled.get(paymentId)!);
    });
  }

  start(charges: readonly HeldCharge[]): void {
    for (const charge of charges) {
      const sent: Promise<void> = this.send(charge)
        .catch((error: unknown) => this.log.error({ err: error, paymentId: charge.paymentId }, 'could not settle a held charge; the reconciler will'))
        .finally(() => this.inFlight.delete(sent));
      this.inFlight.add(sent);
    }
  }

  async drain(): Promise<void> {
    this.stopping = true;
    await Promise.allSettled([...this.inFlight]);
  }

  private async send(charge: HeldCharge): Promise<void> {
    const { provider } = this.deps;
    let outcome;
    try {
      outcome = await provider.charge({ amountCents: charge.amountCents, currency: charge.currency, token: charge.token, idempotencyKey: charge.paymentId });
    } catch (error) {
      if (!(error instanceof PaymentMethodRejectedError)) {
        this.log.warn({ err: error, paymentId: charge.paymentId }, 'held charge outcome unknown; the payment stays processing until reconciled');
        return;
      }
      outcome = { status: 'invalid_payment_method' as const };
    }
    await this.settle(charge.paymentId, outcome);
  }

  /**
   * Records a known outcome. While Postgres is away it retries with backoff (the charge happened; only its record
   * waits), up to the reconciler's delay or until the process stops; the reconciler takes over from there.
   */
  private async settle(paymentId: string, outcome: ChargeOutcome): Promise<void> {
    const backoff = new Backoff();
    const giveUpAt = Date.now() + this.deps.config.reconcileAfterMs;
    for (;;) {
      try {
        await this.answers.add({ paymentId, outcome });
        return;
      } catch (error) {
        if (!unavailableDependency(error) || this.stopping || Date.now() >= giveUpAt) throw error;
        await sleep(backoff.delay());
      }
    }
  }
}
