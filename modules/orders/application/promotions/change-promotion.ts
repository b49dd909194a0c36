import type { Knex } from 'knex';
import type { Principal } from '../../../../src/auth/principal';
import { isUuid } from '../../../../src/validation/uuid';
import { requireAdmin } from '../../domain/order-access';
import { OrderErrors } from '../../domain/orders.errors';
import { limitProblems, type Promotion } from '../../domain/promotions/promotion';
import { lockPromotion, updatePromotion } from '../../infrastructure/promotions/promotion.repository';

export interface PromotionChange {
  active?: boolean;
  endsAt?: Date | null;
  usageLimit?: number | null;
  perCustomerLimit?: number | null;
}

/** Deactivates a promotion, or changes its end or its limits; a usage limit never goes below the uses already taken. */
export async function changePromotion(db: Knex, caller: Principal, id: string, change: PromotionChange): Promise<Promotion> {
  requireAdmin(caller, 'change promotions');
  const problems = limitProblems(change);
  if (problems.length > 0) throw OrderErrors.invalidPromotion(problems);
  if (!isUuid(id)) throw OrderErrors.promotionNotFound();
  return db.transaction(async (trx) => {
    const current = await lockPromotion(trx, id);
    if (!current) throw OrderErrors.promotionNotFound();
    if (change.usageLimit !== undefined && change.usageLimit !== null && change.usageLimit < current.timesUsed) {
      throw OrderErrors.promotionLimitBelowUses(current.timesUsed);
    }
    const endsAt = change.endsAt === undefined ? current.endsAt : change.endsAt;
    if (endsAt && current.startsAt && endsAt <= current.startsAt) {
      throw OrderErrors.invalidPromotion([{ field: 'endsAt', message: 'must be after startsAt' }]);
    }
    return updatePromotion(trx, id, change);
  });
}
