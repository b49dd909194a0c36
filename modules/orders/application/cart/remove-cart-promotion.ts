import type { Knex } from 'knex';
import { findCart, lockCart, setCartPromotion as saveCartPromotion } from '../../infrastructure/cart/cart.repository';
import { cartView, type CartView } from './cart-view';

/** Takes the promotion code off the caller's cart. */
export async function removeCartPromotion(db: Knex, customerId: string): Promise<CartView> {
  return db.transaction(async (trx) => {
    const cart = await lockCart(trx, customerId);
    await saveCartPromotion(trx, cart.id, null);
    return cartView(trx, customerId, await findCart(trx, customerId));
  });
}
