import type { Knex } from 'knex';
import { DomainError } from '../../../../src/errors/domain-error';
import { priceCart, type PricedCart } from '../../domain/cart/cart';
import { byVariant, priceItems, type CatalogEntry } from '../../domain/order-pricing';
import type { ShippingLine } from '../../domain/order';
import type { TaxLine } from '../../domain/tax/order-breakdown';
import { findDefaultAddress } from '../../infrastructure/customer-address.repository';
import { findShippingSetup } from '../../infrastructure/shipping/shipping.repository';
import { findTaxRegions } from '../../infrastructure/tax/tax-region.repository';
import { priceOrder } from '../price-order';
import type { StoredCart } from '../../infrastructure/cart/cart.repository';
import { findCatalogEntries } from '../../infrastructure/catalog.repository';
import { findPromotionByCode } from '../../infrastructure/promotions/promotion.repository';
import { findAvailableStock } from '../../infrastructure/stock-level.repository';
import { promotionDiscount } from '../promotions/promotion-discount';

export interface CartView extends Omit<PricedCart, 'lines'> {
  /** Null until the customer first puts something in. */
  id: string | null;
  updatedAt: Date | null;
  lines: Array<PricedCart['lines'][number] & { discountCents?: number; tax?: TaxLine | null }>;
  promotionCode: string | null;
  /** Why the cart's code gives no discount now (e.g. ORDERS.PROMOTION_NOT_VALID); checkout would refuse it. */
  promotionProblem?: string;
  /** The shipping option chosen for the checkout. */
  shippingOptionId: string | null;
  /** Shipping and tax as checkout would charge them to the customer's default address (none known: null, 0). */
  shipping: ShippingLine | null;
  taxCents: number;
  pricesIncludeTax: boolean;
  /** Why the cart cannot be priced to that address yet (e.g. ORDERS.SHIPPING_OPTION_REQUIRED); checkout would refuse it. */
  pricingProblem?: string;
}

const UNPRICED = { shipping: null, taxCents: 0, pricesIncludeTax: false } as const;

/** A cart priced and checked against the orders module's own catalogue, stock and promotions. */
export async function cartView(db: Knex | Knex.Transaction, customerId: string, cart: StoredCart | undefined): Promise<CartView> {
  if (!cart) return { id: null, updatedAt: null, promotionCode: null, shippingOptionId: null, ...UNPRICED, ...priceCart([], new Map(), new Map()) };
  const variantIds = cart.lines.map((line) => line.variantId);
  const [entries, available] = await Promise.all([findCatalogEntries(db, variantIds), findAvailableStock(db, variantIds)]);
  const catalog = byVariant(entries);
  const priced = priceCart(cart.lines, catalog, available);
  let view: CartView = { id: cart.id, updatedAt: cart.updatedAt, promotionCode: cart.promotionCode, shippingOptionId: cart.shippingOptionId, ...UNPRICED, ...priced };
  if (!priced.currency || priced.subtotalCents === 0) return view;
  if (cart.promotionCode) {
    const discount = await cartDiscount(db, customerId, cart.promotionCode, { subtotalCents: priced.subtotalCents, currency: priced.currency });
    view = 'problem' in discount
      ? { ...view, promotionProblem: discount.problem }
      : { ...view, promotionCode: discount.code, discountCents: discount.cents, totalCents: priced.subtotalCents - discount.cents };
  }
  return withShippingAndTax(db, customerId, cart, view, catalog);
}

/**
 * The cart priced as checkout would charge it to the customer's default address: the chosen option's shipping,
 * the discount spread over the lines and each line's tax. Without a known address, or with lines that cannot be
 * bought, the cart stays as it is; a refusal checkout would give (no option chosen or serving) is shown as
 * `pricingProblem`.
 */
async function withShippingAndTax(db: Knex | Knex.Transaction, customerId: string, cart: StoredCart, view: CartView, catalog: Map<string, CatalogEntry>): Promise<CartView> {
  const address = await findDefaultAddress(db, customerId);
  if (!address || view.lines.some((line) => !line.available)) return view;
  const { lines, total } = priceItems(cart.lines, catalog);
  const setup = { ...(await findShippingSetup(db)), taxRegions: await findTaxRegions(db, address.country) };
  try {
    const order = priceOrder(lines, total, view.discountCents, setup, address, cart.shippingOptionId ?? undefined);
    return {
      ...view,
      lines: view.lines.map((line, i) => ({ ...line, discountCents: order.lines[i].discountCents, tax: order.lines[i].tax })),
      shipping: order.shipping,
      taxCents: order.breakdown.taxMinor,
      pricesIncludeTax: order.breakdown.pricesIncludeTax,
      totalCents: order.breakdown.totalMinor,
    };
  } catch (error) {
    if (error instanceof DomainError) return { ...view, pricingProblem: error.code };
    throw error;
  }
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
