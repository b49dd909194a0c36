import { PaymentErrors } from './payments.errors';

/** What is still refundable: the captured amount minus refunds already made or under way. */
export function refundableCents(capturedCents: number, refundsCents: readonly number[]): number {
  const committed = refundsCents.reduce((sum, cents) => sum + cents, 0);
  return Math.max(0, capturedCents - committed);
}

/** A refund request without an amount refunds everything still refundable. */
export function decideRefundAmount(requestedCents: number | undefined, refundable: number): number {
  const amount = requestedCents ?? refundable;
  if (amount <= 0 || amount > refundable) throw PaymentErrors.refundExceedsCaptured(amount, refundable);
  return amount;
}
