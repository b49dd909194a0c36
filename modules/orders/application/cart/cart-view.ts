import type { Knex } from 'knex';
import { DomainError } from '../../../../src/errors/domain-error';
import { priceCart, type PricedCart } from '../../domain/cart/cart';
import { byVariant } from '../../domain/order-pricing';
import type { StoredCart } from '../../infrastructure/cart/cart.repository';
import { findCatalogEntries } from '../../infrastructure/catalog.repository';
import { findPromotionByCode } from '../../infrastructure/promotions/promotion.repository';
import { findAvailableStock } from '../../infrastructure/stock-level.repository';
import { promotionDiscount } from '../promotions/promotion-discount';

export interface CartView extends PricedCart {
  /** Null until the customer first puts something in. */
  id: string | null;
  updatedAt: Date | null;
  promotionCode: string | null;
  /** Why the cart's code gives no discount now (e.g. ORDERS.PROMOTION_NOT_VALID); checkout would refuse it. */
  promotionProblem?: string;
}

/** A cart priced and checked against the orders module's own catalogue, stock and promotions. */
export async function cartView(db: Knex | Knex.Transaction, customerId: string, cart: StoredCart | undefined): Promise<CartView> {
  if (!cart) return { id: null, updatedAt: null, promotionCode: null, ...priceCart([], new Map(), new Map()) };
  const variantIds = cart.lines.map((line) => line.variantId);
  const [catalog, available] = await Promise.all([findCatalogEntries(db, variantIds), findAvailableStock(db, variantIds)]);
  const priced = priceCart(cart.lines, byVariant(catalog), available);
  const view: CartView = { id: cart.id, updatedAt: cart.updatedAt, promotionCode: cart.promotionCode, ...priced };
  if (!cart.promotionCode || !priced.currency || priced.subtotalCents === 0) return view;
  const discount = await cartDiscount(db, customerId, cart.promotionCode, { subtotalCents: priced.subtotalCents, currency: priced.currency });
  if ('problem' in discount) return { ...view, promotionProblem: discount.problem };
  return { ...view, promotionCode: discount.code, discountCents: discount.cents, totalCents: priced.subtotalCents - discount.cents };
}

/** What the code would take off now; the use itself is taken only at checkout, with the order. */
export async function cartDiscount(
  db: Knex | Knex.Transaction,
  customerId: string,
  code: string,
  subtotal: { subtotalCents: number; currency: string },
): Promise<{ cents: number; code: string } | { problem: string }> {
  const promotion = await findPromotionByCode(db, code);
  if (!promotion) return { problem: 'ORDERS.PROMOTION_NOT_VALID' };
  try {
    const cents = await promotionDiscount(db, promotion, customerId, { amountMinor: subtotal.subtotalCents, currency: subtotal.currency });
    return { cents, code: promotion.code };
  } catch (error) {
    if (error instanceof DomainError) return { problem: error.code };
    throw error;
  }
}
