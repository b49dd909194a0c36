import type { Knex } from 'knex';
import { checkCartQuantity, checkProductForCart } from '../../domain/cart/cart';
import { byVariant, resolveItems } from '../../domain/order-pricing';
import { findCart, lockCart, setCartLine as saveCartLine } from '../../infrastructure/cart/cart.repository';
import { findCatalogEntries } from '../../infrastructure/catalog.repository';
import { cartView, type CartView } from './cart-view';

/**
 * Puts a variant in the caller's cart or sets its quantity (the last write per line wins, so two devices never
 * double a quantity). The id names the variant, or a product with one live variant. The variant must be
 * orderable and in the currency of the cart's other lines.
 */
export async function setCartLine(db: Knex, customerId: string, variantOrProductId: string, quantity: number): Promise<CartView> {
  checkCartQuantity(quantity);
  const named = variantOrProductId.toLowerCase();
  return db.transaction(async (trx) => {
    const cart = await lockCart(trx, customerId);
    const entries = await findCatalogEntries(trx, [named, ...cart.lines.map((line) => line.variantId)]);
    const item = entries.some((entry) => entry.variantId === named) ? { variantId: named, quantity } : { productId: named, quantity };
    const [{ variantId: id }] = resolveItems([item], entries);
    const catalog = byVariant(entries);
    const others = cart.lines.filter((line) => line.variantId !== id);
    const cartCurrency = others.map((line) => catalog.get(line.variantId)?.currency).find((currency) => !!currency) ?? null;
    checkProductForCart(catalog.get(id), id, cartCurrency);
    await saveCartLine(trx, cart.id, { variantId: id, quantity });
    return cartView(trx, customerId, await findCart(trx, customerId));
  });
}
