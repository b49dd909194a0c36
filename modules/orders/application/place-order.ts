import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { inFewRoundTrips } from '../../../src/db/few-round-trips';
import { requiredIdempotencyKey } from '../../../src/http/idempotency-key';
import { requestFingerprint } from '../../../src/http/request-fingerprint';
import type { CustomerOrderLimits } from '../domain/customer-order-limits';
import type { OrderItem, ShippingAddress } from '../domain/order';
import { byVariant, namedIds, normalizeItems, priceItems, resolveItems } from '../domain/order-pricing';
import { catalogEntriesOf, catalogEntriesStatement } from '../infrastructure/catalog.repository';
import { forgetPromotionAttempt, forgetPromotionAttemptStatement } from '../infrastructure/promotions/promotion-attempt.repository';
import {
  claimedWithinLimits,
  claimStatements,
  discountOf,
  newOrder,
  normalizeAddress,
  placementStatements,
  promotionStatements,
  winnerOf,
  type PlacedOrder,
} from './record-placed-order';
import { claimPromotionTry, type PromotionAttemptLimit } from './promotions/try-promotion-code';
import { checkExpectedTotal, priceOrder, pricingSetupOf, pricingSetupStatements } from './price-order';

export interface PlaceOrderCommand {
  customerId: string;
  idempotencyKey: string | undefined;
  items: OrderItem[];
  shippingAddress: ShippingAddress;
  promotionCode?: string;
  /** The shipping option chosen; required once the shop ships (see chooseShipping). */
  shippingOptionId?: string;
  /** The total the customer saw: a different one now is refused with 409 and the new totals. */
  expectedTotalCents?: number;
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
      items: [...items].sort((a, b) => (a.variantId ?? a.productId)!.localeCompare((b.variantId ?? b.productId)!)),
      shippingAddress,
      promotionCode: code?.toLowerCase(),
      shippingOptionId: command.shippingOptionId?.toLowerCase(),
    }),
  };
  const { customerId, limits } = command;
  const attempt = code ? await claimPromotionTry(db, customerId, command.promotionAttempts) : undefined;
  const orderId = randomUUID();
  const units = items.reduce((sum, item) => sum + item.quantity, 0);

  const placed = await inFewRoundTrips(db, async (trips) => {
    const claimed = claimStatements(db, customerId, key, orderId, limits);
    const results = await trips.send([
      ...claimed,
      catalogEntriesStatement(db, namedIds(items)),
      ...pricingSetupStatements(db, shippingAddress.country),
      ...promotionStatements(db, code, customerId),
    ]);
    if (!claimedWithinLimits(results, limits, units)) return undefined;
    const [catalog, zones, options, taxRegions, ...promotion] = results.slice(claimed.length);
    const entries = catalogEntriesOf(catalog);
    const { lines, total } = priceItems(resolveItems(items, entries), byVariant(entries));
    const discount = discountOf(code, promotion, total);
    const priced = priceOrder(lines, total, discount.discountCents, pricingSetupOf([zones, options, taxRegions]), shippingAddress, command.shippingOptionId);
    checkExpectedTotal(command.expectedTotalCents, priced, total.currency);
    const order = newOrder(orderId, { customerId, priced, currency: total.currency, shippingAddress }, discount);
    await trips.commitWith([...placementStatements(db, order, discount), ...(attempt !== undefined ? [forgetPromotionAttemptStatement(db, attempt)] : [])]);
    return order;
  });
  if (placed) return { order: placed, created: true };
  // A repeat of a request that placed its order: its try of the code does not count.
  if (attempt !== undefined) await forgetPromotionAttempt(db, attempt);
  return winnerOf(db, customerId, key);
}
