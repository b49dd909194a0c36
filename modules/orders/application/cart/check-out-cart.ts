import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { inFewRoundTrips } from '../../../../src/db/few-round-trips';
import { requiredIdempotencyKey } from '../../../../src/http/idempotency-key';
import { requestFingerprint } from '../../../../src/http/request-fingerprint';
import type { CustomerOrderLimits } from '../../domain/customer-order-limits';
import type { ShippingAddress } from '../../domain/order';
import { priceCart } from '../../domain/cart/cart';
import { byVariant, priceItems } from '../../domain/order-pricing';
import { OrderErrors } from '../../domain/orders.errors';
import { emptyCartStatements, lockCartStatements, lockedCartOf } from '../../infrastructure/cart/cart.repository';
import { catalogEntriesOf, catalogEntriesStatement } from '../../infrastructure/catalog.repository';
import { defaultAddressOf, findDefaultAddressStatement } from '../../infrastructure/customer-address.repository';
import { availableStockOf, findAvailableStockStatement } from '../../infrastructure/stock-level.repository';
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
} from '../record-placed-order';
import { checkExpectedTotal, priceOrder, pricingSetupOf, pricingSetupStatements } from '../price-order';

export interface CheckOutCartCommand {
  customerId: string;
  idempotencyKey: string | undefined;
  /** When absent, the default shipping address of the customer's profile. */
  shippingAddress?: ShippingAddress;
  /** The total the customer saw: a different one now is refused with 409 and the new totals. */
  expectedTotalCents?: number;
  limits: CustomerOrderLimits;
}

/**
 * Places the caller's cart as an order, exactly as POST /orders places one (same response, events and saga),
 * and empties the cart in the same transaction, in three round trips: the key claimed, the customer's ordering lock
 * and the cart (locked) with its lines and the default address; then the catalogue, stock levels, shipping and tax set-up and the cart's
 * promotion for its products; then the order and the emptied cart with COMMIT. Concurrent checkouts of one cart
 * place one order (a repeat with the same Idempotency-Key gets that order; another finds the cart empty). A line
 * that cannot be bought refuses the whole checkout and places nothing.
 */
export async function checkOutCart(db: Knex, command: CheckOutCartCommand): Promise<PlacedOrder> {
  const idempotencyKey = requiredIdempotencyKey(command.idempotencyKey);
  const requested = command.shippingAddress ? normalizeAddress(command.shippingAddress) : undefined;
  // The request as sent: a replay matches it even if the profile's address changed meanwhile.
  const key = { key: idempotencyKey, fingerprint: requestFingerprint({ checkout: 'cart', shippingAddress: requested ?? 'profile default' }) };
  const { customerId, limits } = command;
  const orderId = randomUUID();

  const placed = await inFewRoundTrips(db, async (trips) => {
    const claimed = claimStatements(db, customerId, key, orderId, limits);
    const locked = lockCartStatements(db, customerId);
    const first = await trips.send([...claimed, ...locked, ...(requested ? [] : [findDefaultAddressStatement(db, customerId)])]);
    const cart = lockedCartOf(first.slice(claimed.length, claimed.length + locked.length));
    const fromProfile = requested ? undefined : defaultAddressOf(first[claimed.length + locked.length]);
    const units = cart.lines.reduce((sum, line) => sum + line.quantity, 0);
    if (!claimedWithinLimits(first, limits, units)) return undefined;
    if (cart.lines.length === 0) throw OrderErrors.cartEmpty();
    if (!requested && !fromProfile) throw OrderErrors.shippingAddressRequired();

    const variantIds = cart.lines.map((line) => line.variantId);
    const code = cart.promotionCode ?? undefined;
    const shippingAddress = requested ?? normalizeAddress(fromProfile!);
    const [catalogRead, stockRead, zones, options, taxRegions, ...promotion] = await trips.send([
      catalogEntriesStatement(db, variantIds),
      findAvailableStockStatement(db, variantIds),
      ...pricingSetupStatements(db, shippingAddress.country),
      ...promotionStatements(db, code, customerId),
    ]);
    const catalog = byVariant(catalogEntriesOf(catalogRead));
    const unavailable = priceCart(cart.lines, catalog, availableStockOf(stockRead)).lines.filter((line) => !line.available);
    if (unavailable.length > 0) throw OrderErrors.cartLinesUnavailable(unavailable.map((line) => ({ variantId: line.variantId, productId: line.productId, problem: line.problem! })));
    const { lines, total } = priceItems(cart.lines, catalog);
    const discount = discountOf(code, promotion, total);
    const priced = priceOrder(lines, total, discount.discountCents, pricingSetupOf([zones, options, taxRegions]), shippingAddress, cart.shippingOptionId ?? undefined);
    checkExpectedTotal(command.expectedTotalCents, priced, total.currency);
    const order = newOrder(orderId, { customerId, priced, currency: total.currency, shippingAddress }, discount);
    await trips.commitWith([...placementStatements(db, order, discount), ...emptyCartStatements(db, cart.id)]);
    return order;
  });
  return placed ? { order: placed, created: true } : winnerOf(db, customerId, key);
}
