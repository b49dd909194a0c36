import type { Knex } from 'knex';
import { priceCart, type PricedCart } from '../domain/cart';
import type { StoredCart } from '../infrastructure/cart.repository';
import { findCatalogEntries } from '../infrastructure/catalog.repository';
import { findAvailableStock } from '../infrastructure/stock-level.repository';

export interface CartView extends PricedCart {
  /** Null until the customer first puts something in. */
  id: string | null;
  updatedAt: Date | null;
}

/** A cart priced and checked against the orders module's own catalogue and stock read models. */
export async function cartView(db: Knex | Knex.Transaction, cart: StoredCart | undefined): Promise<CartView> {
  if (!cart) return { id: null, updatedAt: null, ...priceCart([], new Map(), new Map()) };
  const productIds = cart.lines.map((line) => line.productId);
  const [catalog, available] = await Promise.all([findCatalogEntries(db, productIds), findAvailableStock(db, productIds)]);
  return { id: cart.id, updatedAt: cart.updatedAt, ...priceCart(cart.lines, catalog, available) };
}
