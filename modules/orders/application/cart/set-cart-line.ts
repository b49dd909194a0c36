import type { Knex } from 'knex';
import { checkCartQuantity, checkProductForCart } from '../../domain/cart/cart';
import { findCart, lockCart, setCartLine as saveCartLine } from '../../infrastructure/cart/cart.repository';
import { findCatalogEntries } from '../../infrastructure/catalog.repository';
import { cartView, type CartView } from './cart-view';

/**
 * Puts a product in the caller's cart or sets its quantity (the last write per line wins, so two devices never
 * double a quantity). The product must be orderable and in the currency of the cart's other lines.
 */
export async function setCartLine(db: Knex, customerId: string, productId: string, quantity: number): Promise<CartView> {
  checkCartQuantity(quantity);
  const id = productId.toLowerCase();
  return db.transaction(async (trx) => {
    const cart = await lockCart(trx, customerId);
    const others = cart.lines.filter((line) => line.productId !== id);
    const catalog = await findCatalogEntries(trx, [id, ...others.map((line) => line.productId)]);
    const cartCurrency = others.map((line) => catalog.get(line.productId)?.currency).find((currency) => !!currency) ?? null;
    checkProductForCart(catalog.get(id), id, cartCurrency);
    await saveCartLine(trx, cart.id, { productId: id, quantity });
    return cartView(trx, customerId, await findCart(trx, customerId));
  });
}
