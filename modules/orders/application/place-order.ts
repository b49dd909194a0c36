import type { Knex } from 'knex';
import { requiredIdempotencyKey } from '../../../src/http/idempotency-key';
import { requestFingerprint } from '../../../src/http/request-fingerprint';
import type { CustomerOrderLimits } from '../domain/customer-order-limits';
import type { OrderItem, ShippingAddress } from '../domain/order';
import { normalizeItems, priceItems } from '../domain/order-pricing';
import { findCatalogEntries } from '../infrastructure/catalog.repository';
import { normalizeAddress, placeWithinTransaction, replayOrder, type PlacedOrder } from './record-placed-order';
import { tryPromotionCode, type PromotionAttemptLimit } from './try-promotion-code';

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
 * Places an order priced from the orders module's own catalogue. The Idempotency-Key row is claimed in
 * the order's transaction: concurrent requests with one key queue on its primary key, one commits the
 * order, and the others find its key and return that order.
 */
export async function placeOrder(db: Knex, command: PlaceOrderCommand): Promise<PlaceOrderResult> {
  const idempotencyKey = requiredIdempotencyKey(command.idempotencyKey);
  const items = normalizeItems(command.items);
  const shippingAddress = normalizeAddress(command.shippingAddress);
  const key = {
    key: idempotencyKey,
    fingerprint: requestFingerprint({
      items: [...items].sort((a, b) => a.productId.localeCompare(b.productId)),
      shippingAddress,
      promotionCode: command.promotionCode?.trim().toLowerCase(),
    }),
  };
  const earlier = await replayOrder(db, command.customerId, key);
  if (earlier) return earlier;

  const catalog = await findCatalogEntries(db, items.map((item) => item.productId));
  const { lines, total } = priceItems(items, catalog);
  const place = () =>
    db.transaction((trx) =>
      placeWithinTransaction(trx, { customerId: command.customerId, lines, subtotal: total, shippingAddress, promotionCode: command.promotionCode, key, limits: command.limits }),
    );
  const placed = command.promotionCode ? await tryPromotionCode(db, command.customerId, command.promotionAttempts, place) : await place();
  if (placed) return { order: placed, created: true };

  const winner = await replayOrder(db, command.customerId, key);
  if (!winner) throw new Error(`idempotency key of customer ${command.customerId} is claimed but its order is missing`);
  return winner;
}
