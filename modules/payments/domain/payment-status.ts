export const PAYMENT_STATUSES = ['PROCESSING', 'SUCCEEDED', 'FAILED', 'PARTIALLY_REFUNDED', 'REFUNDED'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/** A payment whose money was captured (and may since have been partly or wholly given back). */
export function isCaptured(status: PaymentStatus): boolean {
  return status === 'SUCCEEDED' || status === 'PARTIALLY_REFUNDED' || status === 'REFUNDED';
}

/** Money can still be given back: captured and not yet fully refunded. */
export function isRefundable(status: PaymentStatus): boolean {
  return status === 'SUCCEEDED' || status === 'PARTIALLY_REFUNDED';
}

/** The provider's answer to a charge decides a processing payment once; a settled payment never changes its outcome. */
export function statusAfterCharge(current: PaymentStatus, outcome: 'succeeded' | 'declined' | 'timed_out'): PaymentStatus {
  if (current !== 'PROCESSING') throw new Error(`a ${current} payment cannot be settled again`);
  return outcome === 'succeeded' ? 'SUCCEEDED' : 'FAILED';
}

export function statusAfterRefund(current: PaymentStatus, amountCents: number, refundedCents: number): PaymentStatus {
  if (!isCaptured(current)) throw new Error(`a ${current} payment cannot be refunded`);
  if (refundedCents <= 0 || refundedCents > amountCents) {
    throw new Error(`refunded total ${refundedCents} is outside 1..${amountCents}`);
  }
  return refundedCents === amountCents ? 'REFUNDED' : 'PARTIALLY_REFUNDED';
}
