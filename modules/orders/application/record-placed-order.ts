import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { OrderStream } from '../../../proto/streams';
import { requireSameRequest } from '../../../src/http/idempotency-key';
import { recordEvent } from '../../../src/messaging/outbox';
import type { Money } from '../domain/money';
import type { Order, OrderLine, ShippingAddress } from '../domain/order';
import { claimIdempotencyKey, findIdempotencyKey } from '../infrastructure/idempotency-key.repository';
import { findOrderWithHistory, insertOrder } from '../infrastructure/order.repository';
import { eventLines, eventTotal } from './order-event-payloads';

export interface PlacedOrder {
  order: Order;
  /** False when the request repeats an earlier one with the same Idempotency-Key. */
  created: boolean;
}

/** Steps shared by every way of placing an order (POST /orders, a cart's checkout). */
export function newOrder(customerId: string, lines: OrderLine[], total: Money, shippingAddress: ShippingAddress): Order {
  const now = new Date();
  return {
    id: randomUUID(),
    customerId,
    status: 'PENDING',
    lines,
    totalCents: total.amountMinor,
    currency: total.currency,
    shippingAddress,
    paymentDueAt: null,
    paymentId: null,
    trackingNumber: null,
    statusReason: null,
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * Claims the Idempotency-Key and records the order with its OrderPlaced, in the caller's transaction. Concurrent
 * requests with one key queue on the key's primary key: false means another transaction committed it first.
 */
export async function recordPlacedOrder(trx: Knex.Transaction, order: Order, key: { key: string; fingerprint: string }): Promise<boolean> {
  const claimed = await claimIdempotencyKey(trx, { customerId: order.customerId, key: key.key, requestHash: key.fingerprint, orderId: order.id });
  if (!claimed) return false;
  await insertOrder(trx, order, order.customerId);
  await recordEvent(trx, OrderStream, order.id, 'orderPlaced', {
    orderId: order.id,
    customerId: order.customerId,
    lines: eventLines(order),
    total: eventTotal(order),
    shippingAddress: { ...order.shippingAddress, line2: order.shippingAddress.line2 ?? '' },
  });
  return true;
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
