/** A card summary safe to keep: never the token or the card number. */
export interface CardSummary {
  brand: string;
  last4: string;
}

export interface ChargeRequest {
  amountCents: number;
  currency: string;
  token: string;
  /** The same key always names the same charge at the provider, so a retry never charges twice. */
  idempotencyKey: string;
}

export type ChargeResult =
  | { status: 'succeeded'; providerReference: string; card: CardSummary }
  | { status: 'declined'; providerReference: string; declineCode: string; reason?: string; card: CardSummary };

export interface RefundRequest {
  providerReference: string;
  amountCents: number;
  currency: string;
  idempotencyKey: string;
}

export interface RefundResult {
  providerReference: string;
}

/** A card processor. The sandbox stands in for a real one behind the same interface. */
export interface PaymentProvider {
  charge(request: ChargeRequest): Promise<ChargeResult>;
  /** The outcome of an earlier charge by its idempotency key, or undefined when the provider never made it. */
  findCharge(idempotencyKey: string): Promise<ChargeResult | undefined>;
  refund(request: RefundRequest): Promise<RefundResult>;
}

/** The processor did not answer in time: the charge may or may not have happened. */
export class ProviderTimeoutError extends Error {
  override readonly name = 'ProviderTimeoutError';
}

/** The processor refused the payment method itself (unknown or malformed token); nothing was charged. */
export class PaymentMethodRejectedError extends Error {
  override readonly name = 'PaymentMethodRejectedError';
}
