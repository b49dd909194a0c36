import type { PaymentStatus } from './payment-status';
import type { RefundStatus } from './refund-status';

/** A charge attempt for an order, as this module records it (never the card token or number). */
export interface Payment {
  id: string;
  orderId: string;
  customerId: string;
  requestedBy: string;
  idempotencyKey: string;
  requestFingerprint: string;
  /** An admin asked for it, on the customer's behalf. */
  requestedByAdmin: boolean;
  status: PaymentStatus;
  /** Unknown (null) while the payment requires its order. */
  amountCents: number | null;
  currency: string | null;
  refundedCents: number;
  cardBrand: string | null;
  cardLast4: string | null;
  providerReference: string | null;
  declineCode: string | null;
  failureReason: string | null;
  /** Set when a held payment ended uncharged (CANCELLED); one of CANCELLATION_REASONS. */
  cancellationReason: string | null;
  createdAt: Date;
  updatedAt: Date;
  settledAt: Date | null;
  refunds?: Refund[];
}

/** A payment still held for its order, with the processor's card token it will be charged with. */
export interface HeldPayment extends Payment {
  paymentMethodToken: string | null;
}

export interface Refund {
  id: string;
  paymentId: string;
  amountCents: number;
  currency: string;
  status: RefundStatus;
  reason: string;
  /** The order's return it gives back, if any. */
  returnId: string | null;
  requestedBy: string | null;
  idempotencyKey: string | null;
  requestFingerprint: string | null;
  providerReference: string | null;
  attemptStartedAt: Date | null;
  createdAt: Date;
  completedAt: Date | null;
}

/** The amount of a payment past its hold (processing or captured), which always has one. */
export function amountOf(payment: Pick<Payment, 'id' | 'amountCents' | 'currency'>): { amountCents: number; currency: string } {
  if (payment.amountCents === null || payment.currency === null) throw new Error(`payment ${payment.id} has no amount yet`);
  return { amountCents: payment.amountCents, currency: payment.currency };
}
