import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { Principal } from '../../../../src/auth/principal';
import { isUniqueViolation } from '../../../../src/db/database';
import { requireAdmin } from '../../domain/order-access';
import { OrderErrors } from '../../domain/orders.errors';
import { newPromotionProblems, type NewPromotion, type Promotion } from '../../domain/promotions/promotion';
import { insertPromotion } from '../../infrastructure/promotions/promotion.repository';

/** An admin creates a promotion code; codes are unique case-insensitively. */
export async function createPromotion(db: Knex, caller: Principal, input: NewPromotion): Promise<Promotion> {
  requireAdmin(caller, 'create promotions');
  const problems = newPromotionProblems(input);
  if (problems.length > 0) throw OrderErrors.invalidPromotion(problems);
  const promotion: NewPromotion = {
    ...input,
    code: input.code.trim(),
    currency: input.currency?.toUpperCase(),
    description: input.description?.trim() || undefined,
  };
  try {
    return await insertPromotion(db, randomUUID(), promotion);
  } catch (error) {
    if (isUniqueViolation(error, 'promotions_code_unique')) throw OrderErrors.promotionCodeTaken(promotion.code);
    throw error;
  }
}
