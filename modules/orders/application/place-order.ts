import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { OrderStream } from '../../../proto/streams';
import { inFewRoundTrips } from '../../../src/db/few-round-trips';
import { requiredIdempotencyKey } from '../../../src/http/idempotency-key';
import { requestFingerprint } from '../../../src/http/request-fingerprint';
import { recordEventsStatement } from '../../../src/messaging/outbox';
import { checkCustomerOrderLimits, PLACEMENT_WINDOW_MS, type CustomerOrderLimits } from '../domain/customer-order-limits';
import type { OrderItem, ShippingAddress } from '../domain/order';
import { normalizeItems, priceItems } from '../domain/order-pricing';
import { OrderErrors } from '../domain/orders.errors';
import { discountFor } from '../domain/promotion';
import { catalogEntriesOf, catalogEntriesStatement } from '../infrastructure/catalog.repository';
import { claimIdempotencyKeyStatement, wasClaimed } from '../infrastructure/idempotency-key.repository';
import { customerOrderingOf, customerOrderingStatements, insertOrderStatements } from '../infrastructure/order.repository';
import { forgetPromotionAttempt, forgetPromotionAttemptStatement } from '../infrastructure/promotion-attempt.repository';
import { lockedPromotionOf, lockPromotionByCodeStatements, takeUseStatements } from '../infrastructure/promotion.repository';
import { newOrder, normalizeAddress, orderPlacedEvent, replayOrder, type PlacedOrder } from './record-placed-order';
import { claimPromotionTry, type PromotionAttemptLimit } from './try-promotion-code';

export interface PlaceOrderCommand {
  customerId: string;
  idempotencyKey: string | undefined;
  items: OrderItem[];
  shippingAddress: ShippingAddress;
  promotionCode?: string;
  limits: CustomerOrderLimits;
  promotionAttempts: PromotionAttemptLimit;
}

export type PlaceOrderResult = PlacedOrder;

/**
 * Places an order priced from the orders module's own catalogue, in two round trips to Postgres: the first claims
 * the Idempotency-Key, takes the customer's ordering lock and reads under it what the limits need, the catalogue
 * entries and (with a code) the locked promotion; the second writes the order, its lines, history, promotion use
 * and OrderPlaced, and commits. Concurrent requests with one key queue on its primary key: one commits the order,
 * the others find its key and return that order. A promotion code is first claimed as one of the customer's
 * limited tries (one round trip of its own), forgotten in the order's transaction when it applies.
 */
export async function placeOrder(db: Knex, command: PlaceOrderCommand): Promise<PlaceOrderResult> {
  const idempotencyKey = requiredIdempotencyKey(command.idempotencyKey);
  const items = normalizeItems(command.items);
  const shippingAddress = normalizeAddress(command.shippingAddress);
  const code = command.promotionCode?.trim();
  const key = {
    key: idempotencyKey,
    fingerprint: requestFingerprint({
      items: [...items].sort((a, b) => a.productId.localeCompare(b.productId)),
      shippingAddress,
      promotionCode: code?.toLowerCase(),
    }),
  };
  const attempt = code ? await claimPromotionTry(db, command.customerId, command.promotionAttempts) : undefined;
  const { customerId, limits } = command;
  const orderId = randomUUID();
  const units = items.reduce((sum, item) => sum + item.quantity, 0);

  const placed = await inFewRoundTrips(db, async (trips) => {
    const [claim, lock, read, catalog, ...promotion] = await trips.send([
      claimIdempotencyKeyStatement(db, { customerId, key: key.key, requestHash: key.fingerprint, orderId }),
      ...customerOrderingStatements(db, customerId, { maxUnpaid: limits.maxUnpaidOrders, placementsPerWindow: limits.placementsPerMinute, windowMs: PLACEMENT_WINDOW_MS }),
      catalogEntriesStatement(db, items.map((item) => item.productId)),
      ...(code ? lockPromotionByCodeStatements(db, code, customerId) : []),
    ]);
    // Another request with this key committed first: nothing is written here.
    if (!wasClaimed(claim)) return undefined;
    checkCustomerOrderLimits(limits, customerOrderingOf([lock, read]), units);
    const { lines, total } = priceItems(items, catalogEntriesOf(catalog));
    const applied = code ? lockedPromotionOf(promotion) : undefined;
    if (code && !applied) throw OrderErrors.promotionNotValid(code);
    const discountCents = applied
      ? discountFor(applied.promotion, { subtotalCents: total.amountMinor, currency: total.currency, usesByCustomer: applied.usesByCustomer, now: new Date() })
      : 0;
    const order = newOrder(orderId, { customerId, lines, subtotal: total, shippingAddress }, { discountCents, promotionCode: applied?.promotion.code ?? null });
    await trips.commitWith([
      ...insertOrderStatements(db, order, customerId),
      ...(applied ? takeUseStatements(db, { promotionId: applied.promotion.id, orderId, customerId }) : []),
      ...(attempt !== undefined ? [forgetPromotionAttemptStatement(db, attempt)] : []),
      recordEventsStatement(db, OrderStream, [{ aggregateId: order.id, event: 'orderPlaced', payload: orderPlacedEvent(order) }]).statement,
    ]);
    return order;
  });
  if (placed) return { order: placed, created: true };

  // A repeat of a request that placed its order: its try of the code does not count.
  if (attempt !== undefined) await forgetPromotionAttempt(db, attempt);
  const winner = await replayOrder(db, customerId, key);
  if (!winner) throw new Error(`idempotency key of customer ${customerId} is claimed but its order is missing`);
  return winner;
}
