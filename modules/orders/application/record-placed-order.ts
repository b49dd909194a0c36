import type { Knex } from 'knex';
import { OrderStream, type mart } from '../../../proto/streams';
import type { StatementResult } from '../../../src/db/one-round-trip';
import { requireSameRequest } from '../../../src/http/idempotency-key';
import { recordEventsStatement } from '../../../src/messaging/outbox';
import { checkCustomerOrderLimits, PLACEMENT_WINDOW_MS, type CustomerOrderLimits } from '../domain/customer-order-limits';
import type { Money } from '../../../src/money/money';
import type { Order, ShippingAddress } from '../domain/order';
import { OrderErrors } from '../domain/orders.errors';
import { discountFor } from '../domain/promotions/promotion';
import { claimIdempotencyKeyStatement, findIdempotencyKey, wasClaimed } from '../infrastructure/idempotency-key.repository';
import { customerOrderingOf, customerOrderingStatements, findOrderWithHistory, insertOrderStatements } from '../infrastructure/order.repository';
import { lockedPromotionOf, lockPromotionByCodeStatements, takeUseStatements } from '../infrastructure/promotions/promotion.repository';
import { eventLines, eventMoney, eventShippingAndTax } from '../domain/order-events';
import type { PricedOrder } from './price-order';

/**
 * The steps shared by POST /orders and a cart's checkout, each placing an order in a transaction of few round trips
 * (`inFewRoundTrips`): `claimStatements` first (the Idempotency-Key claimed, then the customer's ordering lock and
 * what the limits need read under it), `promotionStatements` with the reads that follow, then `placementStatements`
 * with COMMIT. Any refusal rolls all of it back: no order without the discount asked for, no use without an order.
 */
export interface PlacedOrder {
  order: Order;
  /** False when the request repeats an earlier one with the same Idempotency-Key. */
  created: boolean;
}

export interface PlacementKey {
  key: string;
  fingerprint: string;
}

/** Claims the key for `orderId` (a concurrent claim of the key waits for its transaction), then locks and reads for the limits. */
export function claimStatements(db: Knex, customerId: string, key: PlacementKey, orderId: string, limits: CustomerOrderLimits): string[] {
  return [
    claimIdempotencyKeyStatement(db, { customerId, key: key.key, requestHash: key.fingerprint, orderId }),
    ...customerOrderingStatements(db, customerId, { maxUnpaid: limits.maxUnpaidOrders, placementsPerWindow: limits.placementsPerMinute, windowMs: PLACEMENT_WINDOW_MS }),
  ];
}

/**
 * False when another request with the key committed first (nothing may be written then); otherwise the customer's
 * limits are checked for `units` more, and a refusal throws.
 */
export function claimedWithinLimits([claim, lock, read]: readonly StatementResult[], limits: CustomerOrderLimits, units: number): boolean {
  if (!wasClaimed(claim)) return false;
  checkCustomerOrderLimits(limits, customerOrderingOf([lock, read]), units);
  return true;
}

/** The promotion of a code locked, with the customer's uses of it (none without a code). */
export function promotionStatements(db: Knex, code: string | undefined, customerId: string): string[] {
  return code ? lockPromotionByCodeStatements(db, code, customerId) : [];
}

export interface Discount {
  discountCents: number;
  promotion: { id: string; code: string } | null;
}

/** The discount a code gives on `subtotal`, from promotionStatements' results; throws the problem when it does not apply. */
export function discountOf(code: string | undefined, promotion: readonly StatementResult[], subtotal: Money): Discount {
  if (!code) return { discountCents: 0, promotion: null };
  const locked = lockedPromotionOf(promotion);
  if (!locked) throw OrderErrors.promotionNotValid(code);
  const discountCents = discountFor(locked.promotion, { subtotalCents: subtotal.amountMinor, currency: subtotal.currency, usesByCustomer: locked.usesByCustomer, now: new Date() });
  return { discountCents, promotion: { id: locked.promotion.id, code: locked.promotion.code } };
}

/** The new order with its lines, history, promotion use and OrderPlaced, as complete statements. */
export function placementStatements(db: Knex, order: Order, discount: Discount): string[] {
  return [
    ...insertOrderStatements(db, order, order.customerId),
    ...(discount.promotion ? takeUseStatements(db, { promotionId: discount.promotion.id, orderId: order.id, customerId: order.customerId }) : []),
    recordEventsStatement(db, OrderStream, [{ aggregateId: order.id, event: 'orderPlaced', payload: orderPlacedEvent(order) }]),
  ];
}

/** OrderPlaced as the published contract spells it. */
function orderPlacedEvent(order: Order): mart.orders.v1.IOrderPlaced {
  return {
    orderId: order.id,
    customerId: order.customerId,
    lines: eventLines(order),
    total: eventMoney(order.totalCents, order.currency),
    subtotal: eventMoney(order.subtotalCents, order.currency),
    discount: eventMoney(order.discountCents, order.currency),
    promotionCode: order.promotionCode ?? '',
    shippingAddress: { ...order.shippingAddress, line2: order.shippingAddress.line2 ?? '', region: order.shippingAddress.region ?? '' },
    ...eventShippingAndTax(order),
    rounding: order.rounding,
  };
}

export function newOrder(
  id: string,
  toPlace: { customerId: string; priced: PricedOrder; currency: string; shippingAddress: ShippingAddress },
  { discountCents, promotion }: Discount,
): Order {
  const now = new Date();
  const { breakdown } = toPlace.priced;
  return {
    id,
    customerId: toPlace.customerId,
    status: 'PENDING',
    lines: toPlace.priced.lines,
    subtotalCents: breakdown.subtotalMinor,
    discountCents,
    shipping: toPlace.priced.shipping,
    taxCents: breakdown.taxMinor,
    pricesIncludeTax: breakdown.pricesIncludeTax,
    rounding: breakdown.rounding,
    totalCents: breakdown.totalMinor,
    currency: toPlace.currency,
    promotionCode: promotion?.code ?? null,
    shippingAddress: toPlace.shippingAddress,
    paymentDueAt: null,
    paymentId: null,
    trackingNumber: null,
    refundedCents: 0,
    statusReason: null,
    createdAt: now,
    updatedAt: now,
  };
}

/** The order an earlier request with this key placed; a different request under the key is refused. */
export async function replayOrder(db: Knex, customerId: string, key: PlacementKey): Promise<PlacedOrder | undefined> {
  const earlier = await findIdempotencyKey(db, customerId, key.key);
  if (!earlier) return undefined;
  requireSameRequest(earlier.requestHash, key.fingerprint);
  const found = await findOrderWithHistory(db, earlier.orderId);
  if (!found) throw new Error(`order ${earlier.orderId} of idempotency key is missing`);
  return { order: found.order, created: false };
}

/** The order a request with this key placed, when its own transaction found the key claimed by another. */
export async function winnerOf(db: Knex, customerId: string, key: PlacementKey): Promise<PlacedOrder> {
  const winner = await replayOrder(db, customerId, key);
  if (!winner) throw new Error(`idempotency key of customer ${customerId} is claimed but its order is missing`);
  return winner;
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
