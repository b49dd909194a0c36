/**
 * REQUIRES_ORDER and PENDING are held payments: sent before the order could be charged (this module has not yet
 * seen an order of the requester with that id, or the order still waits for stock). A held payment is charged
 * (PROCESSING) once its order awaits payment, or ends CANCELLED, never charged, with a reason.
 */
export const PAYMENT_STATUSES = [
  'REQUIRES_ORDER',
  'PENDING',
  'PROCESSING',
  'SUCCEEDED',
  'FAILED',
  'PARTIALLY_REFUNDED',
  'REFUNDED',
  'CANCELLED',
] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/** Why a held payment ended without a charge. */
export const CANCELLATION_REASONS = [
  /** No order of the requester with that id appeared before the hold expired. */
  'order_not_found',
  'order_rejected',
  'order_expired',
  'order_cancelled',
  'order_already_paid',
  'payment_window_closed',
  /** An earlier payment of the same order was charged instead. */
  'superseded',
] as const;
export type CancellationReason = (typeof CANCELLATION_REASONS)[number];

export function isHeld(status: PaymentStatus): boolean {
  return status === 'REQUIRES_ORDER' || status === 'PENDING';
}

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
