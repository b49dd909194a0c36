import type { ItemQuantity } from '../fulfilment/fulfilment';

/** REQUESTED → APPROVED → RECEIVED (refund asked of payments) → REFUNDED; REQUESTED → DECLINED. */
export type ReturnStatus = 'REQUESTED' | 'APPROVED' | 'DECLINED' | 'RECEIVED' | 'REFUNDED';

/** Units received back at one location, to be sold again. */
export interface Restock {
  locationId: string;
  quantity: number;
}

/** What the admin found in the parcel for one line. */
export interface Receipt {
  /** Units received (at most those asked to return). */
  quantity: number;
  restock: Restock[];
  /** Received but not fit to sell again. */
  damaged: number;
}

export interface ReturnLine extends ItemQuantity {
  reason: string;
  receipt: Receipt | null;
}

/** What a return gives back: per line, and shipping when the admin chose to. */
export interface ReturnRefund {
  lines: Array<{ variantId: string; quantity: number; amountMinor: number }>;
  shippingMinor: number;
  totalMinor: number;
  currency: string;
}

export interface ReturnChange {
  status: ReturnStatus;
  reason: string | null;
  actor: string;
  occurredAt: Date;
}

export interface OrderReturn {
  id: string;
  orderId: string;
  customerId: string;
  status: ReturnStatus;
  lines: ReturnLine[];
  refundShipping: boolean;
  /** Set at receipt: what payments is asked to give back. */
  refund: ReturnRefund | null;
  refundId: string | null;
  /** What payments gave back (capped by what the payment still held). */
  refundedMinor: number | null;
  history: ReturnChange[];
  createdAt: Date;
  updatedAt: Date;
}

/** Units a return holds of a line: those asked while it is open, those received once received; none once declined. */
export function unitsHeld(ret: Pick<OrderReturn, 'status' | 'lines'>, variantId: string): number {
  if (ret.status === 'DECLINED') return 0;
  const line = ret.lines.find((l) => l.variantId === variantId);
  if (!line) return 0;
  return ret.status === 'RECEIVED' || ret.status === 'REFUNDED' ? (line.receipt?.quantity ?? 0) : line.quantity;
}

/** Units of a line received back by returns. */
export function unitsReceived(returns: readonly OrderReturn[], variantId: string): number {
  return returns
    .filter((r) => r.status === 'RECEIVED' || r.status === 'REFUNDED')
    .reduce((sum, r) => sum + (r.lines.find((l) => l.variantId === variantId)?.receipt?.quantity ?? 0), 0);
}

export function receivedByVariant(returns: readonly OrderReturn[], variantIds: readonly string[]): Map<string, number> {
  return new Map(variantIds.map((id) => [id, unitsReceived(returns, id)]));
}
