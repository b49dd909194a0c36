import type { Knex } from 'knex';
import type { Principal } from '../../../../src/auth/principal';
import { Keyset, NEWEST_FIRST, type Page } from '../../../../src/paging/keyset';
import { pageSize, pageSizeProblem } from '../../../../src/paging/page-size';
import { requireAdmin } from '../../domain/order-access';
import { OrderErrors } from '../../domain/orders.errors';
import type { Promotion } from '../../domain/promotions/promotion';
import { listPromotions as queryPromotions } from '../../infrastructure/promotions/promotion.repository';

const PROMOTIONS = new Keyset('promotions', NEWEST_FIRST);

/** Promotions newest first, a keyset page at a time, with how often each was used. */
export async function listPromotions(db: Knex, caller: Principal, query: { limit?: number; cursor?: string }): Promise<Page<Promotion>> {
  requireAdmin(caller, 'list promotions');
  const problem = pageSizeProblem(query.limit);
  if (problem) throw OrderErrors.invalidFilter(`limit ${problem.message}`, [problem]);
  const after = PROMOTIONS.after(query.cursor, OrderErrors.invalidCursor);
  return PROMOTIONS.page(
    pageSize(query.limit),
    (rows) => queryPromotions(db, after, rows),
    (promotion) => [promotion.createdAt, promotion.id],
  );
}
