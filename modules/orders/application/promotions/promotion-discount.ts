import type { Knex } from 'knex';
import type { Money } from '../../../../src/money/money';
import { discountFor, type Promotion } from '../../domain/promotions/promotion';
import { countCustomerUses } from '../../infrastructure/promotions/promotion.repository';

/** The discount `promotion` gives this customer on `subtotal` now, counting their uses; throws the problem when it does not apply. */
export async function promotionDiscount(db: Knex | Knex.Transaction, promotion: Promotion, customerId: string, subtotal: Money): Promise<number> {
  const usesByCustomer = await countCustomerUses(db, promotion.id, customerId);
  return discountFor(promotion, { subtotalCents: subtotal.amountMinor, currency: subtotal.currency, usesByCustomer, now: new Date() });
}
