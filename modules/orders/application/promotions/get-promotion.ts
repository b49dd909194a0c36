import type { Knex } from 'knex';
import type { Principal } from '../../../../src/auth/principal';
import { isUuid } from '../../../../src/validation/uuid';
import { requireAdmin } from '../../domain/order-access';
import { OrderErrors } from '../../domain/orders.errors';
import { type Promotion } from '../../domain/promotions/promotion';
import { findPromotion } from '../../infrastructure/promotions/promotion.repository';

/** One promotion, for admins. */
export async function getPromotion(db: Knex, caller: Principal, id: string): Promise<Promotion> {
  requireAdmin(caller, 'read promotions');
  const promotion = isUuid(id) ? await findPromotion(db, id) : undefined;
  if (!promotion) throw OrderErrors.promotionNotFound();
  return promotion;
}
