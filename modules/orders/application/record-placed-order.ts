import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { OrderStream, type mart } from '../../../proto/streams';
import { requireSameRequest } from '../../../src/http/idempotency-key';
import { recordEvent } from '../../../src/messaging/outbox';
import type { Money } from '../domain/money';
import type { Order, OrderLine, ShippingAddress } from '../domain/order';
import { claimIdempotencyKey, findIdempotencyKey } from '../infrastructure/idempotency-key.repository';
import { checkCustomerOrderLimits, PLACEMENT_WINDOW_MS, type CustomerOrderLimits } from '../domain/customer-order-limits';
import { customerOrderingOf, customerOrderingStatements, findOrderWithHistory, insertOrder } from '../infrastructure/order.repository';
import { eventLines, eventMoney } from './order-event-payloads';
import { takePromotionUse } from './take-promotion-use';

export interface PlacedOrder {
  order: Order;
  /** False when the request repeats an earlier one with the same Idempotency-Key. */
  created: boolean;
}

export interface OrderToPlace {
  customerId: string;
  lines: OrderLine[];
  subtotal: Money;
  shippingAddress: ShippingAddress;
  promotionCode?: string;
  key: { key: string; fingerprint: string };
  limits: CustomerOrderLimits;
}

/**
 * Places an order in the caller's transaction, the steps shared by POST /orders and a cart's checkout: the
 * Idempotency-Key is claimed first (a concurrent request with the key waits on it; undefined means that one
 * committed), then the customer's limits are checked under their ordering lock, then the promotion's use is
 * taken, then the order and its OrderPlaced are recorded. Any refusal
 * rolls all of it back: no order without the discount asked for, no use without an order.
 */
export async function placeWithinTransaction(trx: Knex.Transaction, toPlace: OrderToPlace): Promise<Order | undefined> {
  const orderId = randomUUID();
  const { limits } = toPlace;
  const orderingStatements = customerOrderingStatements(trx, toPlace.customerId, {
    maxUnpaid: limits.maxUnpaidOrders,
    placementsPerWindow: limits.placementsPerMinute,
    windowMs: PLACEMENT_WINDOW_MS,
  });
  // The key's claim, the customer's ordering lock and the read under it: one round trip.
  const claim = { customerId: toPlace.customerId, key: toPlace.key.key, requestHash: toPlace.key.fingerprint, orderId };
  const { claimed, following } = await claimIdempotencyKey(trx, claim, orderingStatements);
  if (!claimed) return undefined;
  const units = toPlace.lines.reduce((sum, line) => sum + line.quantity, 0);
  checkCustomerOrderLimits(limits, customerOrderingOf(following), units);
  const discount = toPlace.promotionCode
    ? await takePromotionUse(trx, { code: toPlace.promotionCode, orderId, customerId: toPlace.customerId, subtotal: toPlace.subtotal })
    : { discountCents: 0, promotionCode: null };
  const order = newOrder(orderId, toPlace, discount);
  await insertOrder(trx, order, order.customerId);
  await recordEvent(trx, OrderStream, order.id, 'orderPlaced', orderPlacedEvent(order));
  return order;
}

/** OrderPlaced as the published contract spells it. */
export function orderPlacedEvent(order: Order): mart.orders.v1.IOrderPlaced {
  return {
    orderId: order.id,
    customerId: order.customerId,
    lines: eventLines(order),
    total: eventMoney(order.totalCents, order.currency),
    subtotal: eventMoney(order.subtotalCents, order.currency),
    discount: eventMoney(order.discountCents, order.currency),
    promotionCode: order.promotionCode ?? '',
    shippingAddress: { ...order.shippingAddress, line2: order.shippingAddress.line2 ?? '' },
  };
}

export function newOrder(
  id: string,
  toPlace: Pick<OrderToPlace, 'customerId' | 'lines' | 'subtotal' | 'shippingAddress'>,
  { discountCents, promotionCode }: { discountCents: number; promotionCode: string | null },
): Order {
  const now = new Date();
  return {
    id,
    customerId: toPlace.customerId,
    status: 'PENDING',
    lines: toPlace.lines,
    subtotalCents: toPlace.subtotal.amountMinor,
    discountCents,
    totalCents: toPlace.subtotal.amountMinor - discountCents,
    currency: toPlace.subtotal.currency,
    promotionCode,
    shippingAddress: toPlace.shippingAddress,
    paymentDueAt: null,
    paymentId: null,
    trackingNumber: null,
    statusReason: null,
    createdAt: now,
    updatedAt: now,
  };
}

/** The order an earlier request with this key placed; a different request under the key is refused. */
export async function replayOrder(db: Knex, customerId: string, key: { key: string; fingerprint: string }): Promise<PlacedOrder | undefined> {
  const earlier = await findIdempotencyKey(db, customerId, key.key);
  if (!earlier) return undefined;
  requireSameRequest(earlier.requestHash, key.fingerprint);
  const found = await findOrderWithHistory(db, earlier.orderId);
  if (!found) throw new Error(`order ${earlier.orderId} of idempotency key is missing`);
  return { order: found.order, created: false };
}

export function normalizeAddress(address: ShippingAddress): ShippingAddress {
  const line2 = address.line2?.trim();
  return {
    name: address.name.trim(),
    line1: address.line1.trim(),
    ...(line2 ? { line2 } : {}),
    city: address.city.trim(),
    postalCode: address.postalCode.trim(),
    country: address.country.toUpperCase(),
  };
}
