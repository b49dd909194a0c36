import type { Logger } from '../../../src/logging/logger';
import { PaymentMethodRejectedError } from './payment-provider.port';
import type { HeldCharge } from './decide-held-payments';
import type { PaymentsDependencies } from './payments-dependencies';
import { settleChargeAndRefundIfOwed } from './settle-charge';

/**
 * Sends held payments that started processing to the provider, off the consumer's path, and keeps track of
 * them so a shutdown waits for their outcome. A charge whose process dies before it is sent stays PROCESSING
 * and is settled by the reconciler (the provider never saw it: FAILED with processor_timeout).
 */
export class HeldCharges {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly log: Logger;

  constructor(private readonly deps: PaymentsDependencies) {
    this.log = deps.logger.child({ component: 'held-charges' });
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
    await settleChargeAndRefundIfOwed(this.deps, charge.paymentId, outcome);
  }
}
