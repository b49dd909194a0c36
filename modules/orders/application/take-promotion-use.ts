import type { Knex } from 'knex';
import type { Money } from '../domain/money';
import { OrderErrors } from '../domain/orders.errors';
import { discountFor } from '../domain/promotion';
import { countCustomerUses, lockPromotionByCode, takeUse } from '../infrastructure/promotion.repository';

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
  if (!promotion) throw OrderErrors.promotionUnknown(use.code.trim());
  const usesByCustomer = await countCustomerUses(trx, promotion.id, use.customerId);
  const discountCents = discountFor(promotion, {
    subtotalCents: use.subtotal.amountMinor,
    currency: use.subtotal.currency,
    usesByCustomer,
    now: new Date(),
  });
  await takeUse(trx, { promotionId: promotion.id, orderId: use.orderId, customerId: use.customerId });
  return { discountCents, promotionCode: promotion.code };
}
