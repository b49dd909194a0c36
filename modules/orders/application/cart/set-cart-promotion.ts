import type { Knex } from 'knex';
import { OrderErrors } from '../../domain/orders.errors';
import { requireValidNow } from '../../domain/promotions/promotion';
import { findCart, lockCart, setCartPromotion as saveCartPromotion } from '../../infrastructure/cart/cart.repository';
import { findPromotionByCode } from '../../infrastructure/promotions/promotion.repository';
import { cartView, type CartView } from './cart-view';
import { promotionDiscount } from '../promotions/promotion-discount';
import { tryPromotionCode, type PromotionAttemptLimit } from '../promotions/try-promotion-code';

/**
 * Puts a promotion code on the caller's cart, refusing one that does not apply to it now with the problem naming
 * why (one answer for codes that are not valid). Each try counts against the customer's limit unless the code
 * applies. No use is taken here: it is taken at checkout, with the order, and checked again then.
 */
export async function setCartPromotion(db: Knex, customerId: string, code: string, attempts: PromotionAttemptLimit): Promise<CartView> {
  return tryPromotionCode(db, customerId, attempts, () => applyToCart(db, customerId, code));
}

function applyToCart(db: Knex, customerId: string, code: string): Promise<CartView> {
  return db.transaction(async (trx) => {
    const cart = await lockCart(trx, customerId);
    const promotion = await findPromotionByCode(trx, code.trim());
    if (!promotion) throw OrderErrors.promotionNotValid(code.trim());
    const priced = await cartView(trx, customerId, { ...cart, promotionCode: null });
    // An empty cart has nothing to price yet; the code must still be one that holds now.
    requireValidNow(promotion, new Date());
    if (priced.currency) await promotionDiscount(trx, promotion, customerId, { amountMinor: priced.subtotalCents, currency: priced.currency });
    await saveCartPromotion(trx, cart.id, promotion.code);
    return cartView(trx, customerId, await findCart(trx, customerId));
  });
}
