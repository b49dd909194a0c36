import type { Knex } from 'knex';
import { requiredIdempotencyKey } from '../../../src/http/idempotency-key';
import { requestFingerprint } from '../../../src/http/request-fingerprint';
import type { CustomerOrderLimits } from '../domain/customer-order-limits';
import type { ShippingAddress } from '../domain/order';
import { priceCart } from '../domain/cart';
import { priceItems } from '../domain/order-pricing';
import { OrderErrors } from '../domain/orders.errors';
import { emptyCart, lockCart } from '../infrastructure/cart.repository';
import { findCatalogEntries } from '../infrastructure/catalog.repository';
import { findDefaultAddress } from '../infrastructure/customer-address.repository';
import { findIdempotencyKey } from '../infrastructure/idempotency-key.repository';
import { findAvailableStock } from '../infrastructure/stock-level.repository';
import { normalizeAddress, placeWithinTransaction, replayOrder, type PlacedOrder } from './record-placed-order';

export interface CheckOutCartCommand {
  customerId: string;
  idempotencyKey: string | undefined;
  /** When absent, the default shipping address of the customer's profile. */
  shippingAddress?: ShippingAddress;
  limits: CustomerOrderLimits;
}

/**
 * Places the caller's cart as an order, exactly as POST /orders places one (same response, events and saga),
 * and empties the cart in the same transaction. The cart is locked first: concurrent checkouts of one cart
 * place one order (a repeat with the same Idempotency-Key gets that order; another finds the cart empty).
 * A line that cannot be bought refuses the whole checkout and places nothing.
 */
export async function checkOutCart(db: Knex, command: CheckOutCartCommand): Promise<PlacedOrder> {
  const idempotencyKey = requiredIdempotencyKey(command.idempotencyKey);
  const requested = command.shippingAddress ? normalizeAddress(command.shippingAddress) : undefined;
  // The request as sent: a replay matches it even if the profile's address changed meanwhile.
  const key = { key: idempotencyKey, fingerprint: requestFingerprint({ checkout: 'cart', shippingAddress: requested ?? 'profile default' }) };
  const earlier = await replayOrder(db, command.customerId, key);
  if (earlier) return earlier;
  const fromProfile = requested ? undefined : await findDefaultAddress(db, command.customerId);
  if (!requested && !fromProfile) throw OrderErrors.shippingAddressRequired();
  const shippingAddress = requested ?? normalizeAddress(fromProfile!);

  const placed = await db.transaction(async (trx) => {
    const cart = await lockCart(trx, command.customerId);
    // A concurrent checkout with this key may have committed while we waited for the cart.
    if (await findIdempotencyKey(trx, command.customerId, key.key)) return undefined;
    if (cart.lines.length === 0) throw OrderErrors.cartEmpty();
    const productIds = cart.lines.map((line) => line.productId);
    const [catalog, available] = await Promise.all([findCatalogEntries(trx, productIds), findAvailableStock(trx, productIds)]);
    const unavailable = priceCart(cart.lines, catalog, available).lines.filter((line) => !line.available);
    if (unavailable.length > 0) throw OrderErrors.cartLinesUnavailable(unavailable.map((line) => ({ productId: line.productId, problem: line.problem! })));
    const { lines, total } = priceItems(cart.lines, catalog);
    const order = await placeWithinTransaction(trx, {
      customerId: command.customerId,
      lines,
      subtotal: total,
      shippingAddress,
      promotionCode: cart.promotionCode ?? undefined,
      key,
      limits: command.limits,
    });
    if (!order) return undefined;
    await emptyCart(trx, cart.id);
    return order;
  });
  if (placed) return { order: placed, created: true };

  const winner = await replayOrder(db, command.customerId, key);
  if (!winner) throw new Error(`idempotency key of customer ${command.customerId} is claimed but its order is missing`);
  return winner;
}
