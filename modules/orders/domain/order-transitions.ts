import { SYSTEM_ACTOR, type Order, type StatusChange } from './order';
import { type OrderEventOf, eventLines, eventMoney, eventShippingAndTax, eventTotal } from './order-events';
import { assertTransition, type OrderStatus } from './order-status';

/** An order moved to its next status: its new state, the line of its history, and the event the move implies. */
export interface OrderTransition {
  order: Order;
  change: StatusChange & { from: OrderStatus };
  /** Null where the move implies no event of its own (PARTIALLY_SHIPPED: FulfilmentShipped tells it). */
  event: OrderEventOf | null;
}

/** A transition that implies an event. */
export interface EventfulTransition extends OrderTransition {
  event: OrderEventOf;
}

type Patch = Partial<Pick<Order, 'paymentDueAt' | 'paymentId' | 'trackingNumber'>>;

function move(order: Order, to: OrderStatus, by: { actor: string; reason?: string; patch?: Patch }, now: Date): Omit<OrderTransition, 'event'> {
  assertTransition(order.status, to);
  const reason = by.reason ?? null;
  return {
    order: { ...order, ...by.patch, statusReason: reason, status: to, updatedAt: now },
    change: { from: order.status, to, reason, actor: by.actor, occurredAt: now },
  };
}

/** Stock is reserved: the order waits for payment until `paymentDueAt`. */
export function toAwaitingPayment(order: Order, paymentDueAt: Date, now: Date): EventfulTransition {
  const moved = move(order, 'AWAITING_PAYMENT', { actor: SYSTEM_ACTOR, patch: { paymentDueAt } }, now);
  const payload = { orderId: order.id, customerId: order.customerId, total: eventTotal(order), paymentDueAt: paymentDueAt.toISOString() };
  return { ...moved, event: { event: 'orderAwaitingPayment', payload } };
}

export function toPaid(order: Order, paymentId: string, now: Date): EventfulTransition {
  const moved = move(order, 'PAID', { actor: SYSTEM_ACTOR, patch: { paymentId } }, now);
  const paid = moved.order;
  const payload = {
    orderId: paid.id,
    customerId: paid.customerId,
    paymentId,
    total: eventTotal(paid),
    lines: eventLines(paid),
    discount: eventMoney(paid.discountCents, paid.currency),
    promotionCode: paid.promotionCode ?? '',
    ...eventShippingAndTax(paid),
  };
  return { ...moved, event: { event: 'orderPaid', payload } };
}

/** Stock could not be reserved, for inventory's reason. */
export function toRejected(order: Order, reason: string, now: Date): EventfulTransition {
  const moved = move(order, 'REJECTED', { actor: SYSTEM_ACTOR, reason }, now);
  const payload = { orderId: order.id, customerId: order.customerId, reason, lines: eventLines(order) };
  return { ...moved, event: { event: 'orderRejected', payload } };
}

export function toExpired(order: Order, now: Date): EventfulTransition {
  const moved = move(order, 'EXPIRED', { actor: SYSTEM_ACTOR, reason: 'Not paid in time' }, now);
  const payload = { orderId: order.id, customerId: order.customerId, lines: eventLines(order), paymentDueAt: order.paymentDueAt?.toISOString() ?? '' };
  return { ...moved, event: { event: 'orderExpired', payload } };
}

/**
 * Cancelled by `actor` (a user, or the system when a payment does not match the order); a payment the order holds,
 * or the one given, is to be refunded (refundRequired).
 */
export function toCancelled(order: Order, by: { actor: string; reason: string; paymentId?: string }, now: Date): EventfulTransition {
  const paymentId = by.paymentId ?? order.paymentId;
  const moved = move(order, 'CANCELLED', { actor: by.actor, reason: by.reason, ...(by.paymentId ? { patch: { paymentId: by.paymentId } } : {}) }, now);
  const payload = {
    orderId: order.id,
    customerId: order.customerId,
    previousStatus: order.status,
    reason: by.reason,
    refundRequired: paymentId !== null,
    lines: eventLines(order),
    paymentId: paymentId ?? '',
  };
  return { ...moved, event: { event: 'orderCancelled', payload } };
}

/**
 * The status the order's fulfilments give it (order-progress.ts): PARTIALLY_SHIPPED, SHIPPED (OrderShipped, with
 * the last parcel's tracking number) or DELIVERED (OrderDelivered).
 */
export function toFulfilmentStatus(
  order: Order,
  to: 'PARTIALLY_SHIPPED' | 'SHIPPED' | 'DELIVERED',
  by: { actor: string; trackingNumber: string | null },
  now: Date,
): OrderTransition {
  const trackingNumber = by.trackingNumber ?? order.trackingNumber;
  const moved = move(order, to, { actor: by.actor, patch: { trackingNumber } }, now);
  const ids = { orderId: order.id, customerId: order.customerId };
  switch (to) {
    case 'PARTIALLY_SHIPPED':
      return { ...moved, event: null };
    case 'SHIPPED':
      return { ...moved, event: { event: 'orderShipped', payload: { ...ids, trackingNumber: trackingNumber ?? '' } } };
    case 'DELIVERED':
      return { ...moved, event: { event: 'orderDelivered', payload: ids } };
  }
}
