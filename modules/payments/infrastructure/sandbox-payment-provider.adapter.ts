import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  PaymentMethodRejectedError,
  ProviderTimeoutError,
  type ChargeRequest,
  type ChargeResult,
  type PaymentProvider,
  type RefundRequest,
  type RefundResult,
} from '../application/payment-provider.port';

type TestCard =
  | { outcome: 'succeeded'; brand: string; last4: string }
  | { outcome: 'declined'; brand: string; last4: string; declineCode: string; reason: string }
  | { outcome: 'timeout' };

/** The well-known test tokens of card processors' sandboxes. */
const TEST_CARDS: Record<string, TestCard> = {
  tok_visa: { outcome: 'succeeded', brand: 'visa', last4: '4242' },
  tok_mastercard: { outcome: 'succeeded', brand: 'mastercard', last4: '4444' },
  tok_chargeDeclined: { outcome: 'declined', brand: 'visa', last4: '0002', declineCode: 'card_declined', reason: 'generic_decline' },
  tok_insufficientFunds: {
    outcome: 'declined',
    brand: 'visa',
    last4: '9995',
    declineCode: 'card_declined',
    reason: 'insufficient_funds',
  },
  tok_expiredCard: { outcome: 'declined', brand: 'visa', last4: '0069', declineCode: 'expired_card', reason: 'expired_card' },
  tok_timeout: { outcome: 'timeout' },
};

interface SandboxCharge {
  result: ChargeResult;
  amountCents: number;
  refunds: Map<string, RefundResult & { amountCents: number }>;
}

/**
 * An in-memory card processor that behaves like the sandboxes of real ones: idempotent by key, test tokens
 * with fixed outcomes, and `tok_timeout` never answering within the client's deadline (and so never charging).
 * Its memory lives as long as the process, which is all a sandbox needs.
 */
export class SandboxPaymentProvider implements PaymentProvider {
  private readonly charges = new Map<string, SandboxCharge>();
  private readonly chargesByReference = new Map<string, SandboxCharge>();

  constructor(private readonly timeoutMs: number) {}

  /** How many distinct charges the sandbox has made (what a cardholder would see on a statement). */
  get chargeCount(): number {
    return this.charges.size;
  }

  async charge(request: ChargeRequest): Promise<ChargeResult> {
    const earlier = this.charges.get(request.idempotencyKey);
    if (earlier) return earlier.result;
    // Own keys only: `constructor` or `__proto__` is not a test card.
    const card = Object.hasOwn(TEST_CARDS, request.token) ? TEST_CARDS[request.token] : undefined;
    if (!card) throw new PaymentMethodRejectedError('unknown test token');
    if (card.outcome === 'timeout') {
      await sleep(this.timeoutMs);
      throw new ProviderTimeoutError(`the processor did not answer within ${this.timeoutMs} ms`);
    }
    const providerReference = `ch_sandbox_${randomUUID().replaceAll('-', '')}`;
    const result: ChargeResult =
      card.outcome === 'succeeded'
        ? { status: 'succeeded', providerReference, card: { brand: card.brand, last4: card.last4 } }
        : {
            status: 'declined',
            providerReference,
            declineCode: card.declineCode,
            reason: card.reason,
            card: { brand: card.brand, last4: card.last4 },
          };
    const charge: SandboxCharge = { result, amountCents: request.amountCents, refunds: new Map() };
    this.charges.set(request.idempotencyKey, charge);
    this.chargesByReference.set(providerReference, charge);
    return result;
  }

  async findCharge(idempotencyKey: string): Promise<ChargeResult | undefined> {
    return this.charges.get(idempotencyKey)?.result;
  }

  async refund(request: RefundRequest): Promise<RefundResult> {
    const charge = this.chargesByReference.get(request.providerReference);
    if (!charge || charge.result.status !== 'succeeded') throw new Error('no captured charge with this reference');
    const earlier = charge.refunds.get(request.idempotencyKey);
    if (earlier) return { providerReference: earlier.providerReference };
    const refunded = [...charge.refunds.values()].reduce((sum, r) => sum + r.amountCents, 0);
    if (request.amountCents <= 0 || refunded + request.amountCents > charge.amountCents) {
      throw new Error('the refund exceeds what is left of the charge');
    }
    const providerReference = `re_sandbox_${randomUUID().replaceAll('-', '')}`;
    charge.refunds.set(request.idempotencyKey, { providerReference, amountCents: request.amountCents });
    return { providerReference };
  }
}
