import type { MinorUnits } from '../../../../src/money/minor-units';
import type { RefundPreview } from '../../application/returns/read-returns';
import type { OrderReturn, ReturnStatus } from '../../domain/returns/order-return';
import type { FulfilmentId } from '../fulfilments/fulfilments.dto';

export interface ReturnLineRequest {
  variantId: FulfilmentId;
  /**
   * @isInt
   * @minimum 1
   * @maximum 1000000
   */
  quantity: number;
  /** @minLength 1 @maxLength 500 @pattern \S @example "Too small" */
  reason: string;
}

export interface RequestReturnRequest {
  /**
   * @minItems 1
   * @maxItems 50
   */
  lines: ReturnLineRequest[];
}

export interface DeclineReturnRequest {
  /** @minLength 1 @maxLength 500 @pattern \S */
  reason: string;
}

export interface RestockRequest {
  locationId: FulfilmentId;
  /**
   * @isInt
   * @minimum 0
   * @maximum 1000000
   */
  quantity: number;
}

export interface ReceiptLineRequest {
  variantId: FulfilmentId;
  /**
   * Units going back on the shelf, per stock location.
   * @maxItems 20
   */
  restock: RestockRequest[];
  /**
   * Units received that cannot be sold again.
   * @isInt
   * @minimum 0
   * @maximum 1000000
   */
  damaged: number;
}

export interface ReceiveReturnRequest {
  /**
   * What came back, per line; a line of the return not named came back with no units.
   * @maxItems 50
   */
  lines: ReceiptLineRequest[];
  /** Refund the order's shipping too (once per order). */
  refundShipping?: boolean;
}

export interface ReturnLineResponse {
  variantId: string;
  /** Units asked to return. @isInt */
  quantity: number;
  reason: string;
  /** What came back, once received. */
  receipt?: { quantity: number; restock: Array<{ locationId: string; quantity: number }>; damaged: number };
}

export interface RefundLineResponse {
  variantId: string;
  /** @isInt */
  quantity: number;
  /** Those units' price, less their share of the discount, plus their share of the tax (prices without tax). */
  amountMinor: MinorUnits;
}

export interface ReturnRefundResponse {
  lines: RefundLineResponse[];
  shippingMinor: MinorUnits;
  totalMinor: MinorUnits;
  currency: string;
}

export interface RefundPreviewResponse extends ReturnRefundResponse {
  /** What the payment can still give back: the refund is capped at this. */
  refundableMinor: MinorUnits;
}

export interface ReturnChangeResponse {
  status: ReturnStatus;
  reason: string | null;
  at: string;
}

export interface ReturnResponse {
  id: string;
  orderId: string;
  /** REQUESTED, APPROVED, DECLINED, RECEIVED (refund under way) or REFUNDED. */
  status: ReturnStatus;
  lines: ReturnLineResponse[];
  refundShipping: boolean;
  /** What was asked of payments at receipt. */
  refund?: ReturnRefundResponse;
  /** What payments gave back. */
  refundedMinor?: MinorUnits;
  history: ReturnChangeResponse[];
  createdAt: string;
  updatedAt: string;
}

export function toReturnResponse(ret: OrderReturn): ReturnResponse {
  return {
    id: ret.id,
    orderId: ret.orderId,
    status: ret.status,
    lines: ret.lines.map((line) => ({ variantId: line.variantId, quantity: line.quantity, reason: line.reason, ...(line.receipt ? { receipt: line.receipt } : {}) })),
    refundShipping: ret.refundShipping,
    ...(ret.refund ? { refund: ret.refund } : {}),
    ...(ret.refundedMinor !== null ? { refundedMinor: ret.refundedMinor } : {}),
    history: ret.history.map((h) => ({ status: h.status, reason: h.reason, at: h.occurredAt.toISOString() })),
    createdAt: ret.createdAt.toISOString(),
    updatedAt: ret.updatedAt.toISOString(),
  };
}

export function toRefundPreviewResponse(preview: RefundPreview): RefundPreviewResponse {
  return { ...preview };
}
