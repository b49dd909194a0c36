import type { Knex } from 'knex';
import { findCart, lockCart, removeCartLine as deleteCartLine } from '../../infrastructure/cart/cart.repository';
import { cartView, type CartView } from './cart-view';

/** Takes a product out of the caller's cart; removing one that is not there changes nothing. */
export async function removeCartLine(db: Knex, customerId: string, variantId: string): Promise<CartView> {
  return db.transaction(async (trx) => {
    const cart = await lockCart(trx, customerId);
    await deleteCartLine(trx, cart.id, variantId.toLowerCase());
    return cartView(trx, customerId, await findCart(trx, customerId));
  });
}
