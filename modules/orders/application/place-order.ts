import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { OrderStream } from '../../../proto/streams';
import { requiredIdempotencyKey, requireSameRequest } from '../../../src/http/idempotency-key';
import { requestFingerprint } from '../../../src/http/request-fingerprint';
import { recordEvent } from '../../../src/messaging/outbox';
import type { Order, OrderItem, ShippingAddress } from '../domain/order';
import { normalizeItems, priceItems } from '../domain/order-pricing';
import { findCatalogEntries } from '../infrastructure/catalog.repository';
import { claimIdempotencyKey, findIdempotencyKey } from '../infrastructure/idempotency-key.repository';
import { findOrderWithHistory, insertOrder } from '../infrastructure/order.repository';
import { eventLines, eventTotal } from './order-event-payloads';

export interface PlaceOrderCommand {
  customerId: string;
  idempotencyKey: string | undefined;
  items: OrderItem[];
  shippingAddress: ShippingAddress;
}

export interface PlaceOrderResult {
  order: Order;
  /** False when the request repeats an earlier one with the same Idempotency-Key. */
  created: boolean;
}

/**
 * Places an order priced from the orders module's own catalogue. The Idempotency-Key row is claimed in
 * the order's transaction: concurrent requests with one key queue on its primary key, one commits the
 * order, and the others find its key and return that order.
 */
export async function placeOrder(db: Knex, command: PlaceOrderCommand): Promise<PlaceOrderResult> {
  const key = requiredIdempotencyKey(command.idempotencyKey);
  const items = normalizeItems(command.items);
  const shippingAddress = normalizeAddress(command.shippingAddress);
  const fingerprint = requestFingerprint({
    items: [...items].sort((a, b) => a.productId.localeCompare(b.productId)),
    shippingAddress,
  });
  const earlier = await replay(db, command.customerId, key, fingerprint);
  if (earlier) return earlier;

  const catalog = await findCatalogEntries(db, items.map((item) => item.productId));
  const { lines, total } = priceItems(items, catalog);
  const now = new Date();
  const order: Order = {
    id: randomUUID(),
    customerId: command.customerId,
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

  const created = await db.transaction(async (trx) => {
    const claimed = await claimIdempotencyKey(trx, { customerId: command.customerId, key, requestHash: fingerprint, orderId: order.id });
    if (!claimed) return false;
    await insertOrder(trx, order, command.customerId);
    await recordEvent(trx, OrderStream, order.id, 'orderPlaced', {
      orderId: order.id,
      customerId: order.customerId,
      lines: eventLines(order),
      total: eventTotal(order),
      shippingAddress: { ...shippingAddress, line2: shippingAddress.line2 ?? '' },
    });
    return true;
  });
  if (created) return { order, created: true };

  const winner = await replay(db, command.customerId, key, fingerprint);
  if (!winner) throw new Error(`idempotency key of customer ${command.customerId} is claimed but its order is missing`);
  return winner;
}

async function replay(db: Knex, customerId: string, key: string, fingerprint: string): Promise<PlaceOrderResult | undefined> {
  const earlier = await findIdempotencyKey(db, customerId, key);
  if (!earlier) return undefined;
  requireSameRequest(earlier.requestHash, fingerprint);
  const found = await findOrderWithHistory(db, earlier.orderId);
  if (!found) throw new Error(`order ${earlier.orderId} of idempotency key is missing`);
  return { order: found.order, created: false };
}

function normalizeAddress(address: ShippingAddress): ShippingAddress {
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
