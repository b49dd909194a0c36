import type { Knex } from 'knex';
import type { Money } from '../domain/money';
import { OrderErrors } from '../domain/orders.errors';
import { lockPromotionByCode, takeUse } from '../infrastructure/promotion.repository';
import { promotionDiscount } from './promotion-discount';

/**
 * Takes one use of a promotion code for an order, in the order's transaction, and returns the discount. The
 * promotion row is locked first, so concurrent orders for one code are decided one at a time: its usage limit
 * and per-customer limit hold whatever the concurrency.
 */
export async function takePromotionUse(
  trx: Knex.Transaction,
  use: { code: string; orderId: string; customerId: string; subtotal: Money },
): Promise<{ discountCents: number; promotionCode: string }> {
  const promotion = await lockPromotionByCode(trx, use.code.trim());
  if (!promotion) throw OrderErrors.promotionNotValid(use.code.trim());
  const discountCents = await promotionDiscount(trx, promotion, use.customerId, use.subtotal);
  await takeUse(trx, { promotionId: promotion.id, orderId: use.orderId, customerId: use.customerId });
  return { discountCents, promotionCode: promotion.code };
}
