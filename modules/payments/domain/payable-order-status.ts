/**
 * The payments module's view of an order's life, from OrderStream events:
 * PENDING (placed, stock not yet confirmed) → PAYABLE (awaiting payment) → PAID → CLOSED
 * (expired, rejected or cancelled). The view only moves forward, so a late or replayed event never reopens an order.
 */
export const PAYABLE_ORDER_STATUSES = ['PENDING', 'PAYABLE', 'PAID', 'CLOSED'] as const;
export type PayableOrderStatus = (typeof PAYABLE_ORDER_STATUSES)[number];

const rank: Record<PayableOrderStatus, number> = { PENDING: 0, PAYABLE: 1, PAID: 2, CLOSED: 3 };

export function advanceOrderStatus(current: PayableOrderStatus | undefined, next: PayableOrderStatus): PayableOrderStatus {
  if (current === undefined) return next;
  return rank[next] > rank[current] ? next : current;
}

/** Whether a charge may start now: the order awaits payment and its payment window is still open. */
export function canBePaid(order: { status: PayableOrderStatus; paymentDueAt: Date | null }, now: Date): boolean {
  if (order.status !== 'PAYABLE') return false;
  return order.paymentDueAt === null || order.paymentDueAt.getTime() > now.getTime();
}
