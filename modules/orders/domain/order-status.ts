import { OrderErrors } from './orders.errors';

export type OrderStatus = 'PENDING' | 'AWAITING_PAYMENT' | 'PAID' | 'PARTIALLY_SHIPPED' | 'SHIPPED' | 'DELIVERED' | 'REJECTED' | 'CANCELLED' | 'EXPIRED';

/** The one place that says which status may follow which. */
const NEXT: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  PENDING: ['AWAITING_PAYMENT', 'REJECTED', 'CANCELLED'],
  AWAITING_PAYMENT: ['PAID', 'EXPIRED', 'CANCELLED'],
  PAID: ['PARTIALLY_SHIPPED', 'SHIPPED', 'CANCELLED'],
  PARTIALLY_SHIPPED: ['SHIPPED'],
  SHIPPED: ['DELIVERED'],
  DELIVERED: [],
  REJECTED: [],
  CANCELLED: [],
  EXPIRED: [],
};

export const ORDER_STATUSES = Object.keys(NEXT) as OrderStatus[];

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return NEXT[from].includes(to);
}

export function assertTransition(from: OrderStatus, to: OrderStatus): void {
  if (!canTransition(from, to)) {
    throw OrderErrors.illegalTransition(from, to);
  }
}

export function isTerminal(status: OrderStatus): boolean {
  return NEXT[status].length === 0;
}

/** Whether an order in this status ended unfulfilled (rejected, expired, cancelled): its promotion use is given back. */
export function endedUnfulfilled(status: OrderStatus): boolean {
  return status === 'REJECTED' || status === 'EXPIRED' || status === 'CANCELLED';
}

/** Whether a payment can be taken for an order in this status. */
export function acceptsPayment(status: OrderStatus): boolean {
  return status === 'AWAITING_PAYMENT';
}
