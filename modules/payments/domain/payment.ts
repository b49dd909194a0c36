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
  status: PaymentStatus;
  amountCents: number;
  currency: string;
  refundedCents: number;
  cardBrand: string | null;
  cardLast4: string | null;
  providerReference: string | null;
  declineCode: string | null;
  failureReason: string | null;
  createdAt: Date;
  updatedAt: Date;
  settledAt: Date | null;
  refunds?: Refund[];
}

export interface Refund {
  id: string;
  paymentId: string;
  amountCents: number;
  currency: string;
  status: RefundStatus;
  reason: string;
  requestedBy: string | null;
  idempotencyKey: string | null;
  requestFingerprint: string | null;
  providerReference: string | null;
  attemptStartedAt: Date | null;
  createdAt: Date;
  completedAt: Date | null;
}
