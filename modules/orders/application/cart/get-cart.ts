import type { Knex } from 'knex';
import { findCart } from '../../infrastructure/cart/cart.repository';
import { cartView, type CartView } from './cart-view';

/** The caller's cart; an empty one when they have none yet. */
export async function getCart(db: Knex, customerId: string): Promise<CartView> {
  return cartView(db, customerId, await findCart(db, customerId));
}
