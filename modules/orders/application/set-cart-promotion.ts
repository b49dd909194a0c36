import type { Knex } from 'knex';
import { OrderErrors } from '../domain/orders.errors';
import { findCart, lockCart, setCartPromotion as saveCartPromotion } from '../infrastructure/cart.repository';
import { findPromotionByCode } from '../infrastructure/promotion.repository';
import { cartView, type CartView } from './cart-view';
import { promotionDiscount } from './promotion-discount';

/**
 * Puts a promotion code on the caller's cart, refusing one that does not apply to it now with the problem naming
 * why. No use is taken here: it is taken at checkout, with the order, and checked again then.
 */
export async function setCartPromotion(db: Knex, customerId: string, code: string): Promise<CartView> {
  return db.transaction(async (trx) => {
    const cart = await lockCart(trx, customerId);
    const promotion = await findPromotionByCode(trx, code.trim());
    if (!promotion) throw OrderErrors.promotionUnknown(code.trim());
    const priced = await cartView(trx, customerId, { ...cart, promotionCode: null });
    if (priced.currency) await promotionDiscount(trx, promotion, customerId, { amountMinor: priced.subtotalCents, currency: priced.currency });
    await saveCartPromotion(trx, cart.id, promotion.code);
    return cartView(trx, customerId, await findCart(trx, customerId));
  });
}
