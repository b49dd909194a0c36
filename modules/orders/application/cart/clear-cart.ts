import type { Knex } from 'knex';
import { emptyCart, findCart, lockCart } from '../../infrastructure/cart/cart.repository';
import { cartView, type CartView } from './cart-view';

/** Empties the caller's cart. */
export async function clearCart(db: Knex, customerId: string): Promise<CartView> {
  return db.transaction(async (trx) => {
    const cart = await lockCart(trx, customerId);
    await emptyCart(trx, cart.id);
    return cartView(trx, customerId, await findCart(trx, customerId));
  });
}
