import type { MinorUnits } from '../../../src/money/minor-units';
import type { PaymentStatus } from '../domain/payment-status';
import type { RefundStatus } from '../domain/refund-status';
import type { Payment, Refund } from '../domain/payment';

export interface CardPaymentMethod {
  type: 'card';
  /**
   * A token from the card processor's client-side tokenization; the card number never reaches this API.
   * @minLength 1
   * @maxLength 255
   */
  token: string;
}

export interface PayForOrderRequest {
  /** @example "5f0c1f5e-7f7a-4a43-9b3c-0a4f3f2f1e11" */
  orderId: string;
  paymentMethod: CardPaymentMethod;
}

export interface RefundRequest {
  /**
   * Minor units to give back; everything still refundable when omitted.
   * @isLong
   * @minimum 1
   * @maximum 9007199254740991
   */
  amountMinor?: number;
  /**
   * @deprecated Use `amountMinor`: the same amount, named as in the events.
   * @isLong
   * @minimum 1
   * @maximum 9007199254740991
   */
  amountCents?: number;
  /**
   * @minLength 1
   * @maxLength 200
   */
  reason?: string;
}

export interface CardResponse {
  brand: string;
  last4: string;
}

export interface RefundResponse {
  id: string;
  paymentId: string;
  amountMinor: MinorUnits;
  /** @deprecated Use `amountMinor`: the same amount, named as in the events. */
  amountCents: MinorUnits;
  currency: string;
  status: RefundStatus;
  reason: string;
  /** The order's return this refund gives back; absent for other refunds. */
  returnId?: string;
  createdAt: string;
  completedAt: string | null;
}

export interface PaymentResponse {
  id: string;
  orderId: string;
  customerId: string;
  status: PaymentStatus;
  /** Null while the payment requires its order (REQUIRES_ORDER), and for a payment cancelled in that state. */
  amountMinor: MinorUnits | null;
  /** @deprecated Use `amountMinor`: the same amount, named as in the events. */
  amountCents: MinorUnits | null;
  currency: string | null;
  refundedMinor: MinorUnits;
  /** @deprecated Use `refundedMinor`: the same amount, named as in the events. */
  refundedCents: MinorUnits;
  card: CardResponse | null;
  /** Set when the payment FAILED: the processor's decline code, or `processor_timeout`. */
  declineCode: string | null;
  failureReason: string | null;
  /**
   * Set when a held payment ended without a charge (CANCELLED): `order_not_found`, `order_rejected`,
   * `order_expired`, `order_cancelled`, `order_already_paid`, `payment_window_closed` or `superseded`.
   */
  cancellationReason: string | null;
  createdAt: string;
  /** When the payment reached its outcome (charged, declined or cancelled). */
  settledAt: string | null;
  refunds: RefundResponse[];
}

export interface PaymentPageResponse {
  items: PaymentResponse[];
  nextCursor: string | null;
}

export interface PaymentsPersonalDataResponse {
  /** Every payment of the caller, newest first, with its refunds. */
  payments: PaymentResponse[];
}

export function toPaymentResponse(payment: Payment): PaymentResponse {
  return {
    id: payment.id,
    orderId: payment.orderId,
    customerId: payment.customerId,
    status: payment.status,
    amountMinor: payment.amountCents,
    amountCents: payment.amountCents,
    currency: payment.currency,
    refundedMinor: payment.refundedCents,
    refundedCents: payment.refundedCents,
    card: payment.cardBrand && payment.cardLast4 ? { brand: payment.cardBrand, last4: payment.cardLast4 } : null,
    declineCode: payment.declineCode,
    failureReason: payment.failureReason,
    cancellationReason: payment.cancellationReason,
    createdAt: payment.createdAt.toISOString(),
    settledAt: payment.settledAt?.toISOString() ?? null,
    refunds: (payment.refunds ?? []).map(toRefundResponse),
  };
}

export function toRefundResponse(refund: Refund): RefundResponse {
  return {
    id: refund.id,
    paymentId: refund.paymentId,
    amountMinor: refund.amountCents,
    amountCents: refund.amountCents,
    currency: refund.currency,
    status: refund.status,
    reason: refund.reason,
    ...(refund.returnId ? { returnId: refund.returnId } : {}),
    createdAt: refund.createdAt.toISOString(),
    completedAt: refund.completedAt?.toISOString() ?? null,
  };
}
