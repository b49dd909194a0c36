import type { Knex } from 'knex';
import type { Principal } from '../../../src/auth/principal';
import { pageSize, pageSizeProblem } from '../../../src/paging/page-size';
import { requireAdmin } from '../domain/order-access';
import { OrderErrors } from '../domain/orders.errors';
import type { Promotion } from '../domain/promotion';
import { decodePromotionCursor, encodePromotionCursor } from '../domain/promotion-cursor';
import { listPromotions as queryPromotions } from '../infrastructure/promotion.repository';

/** Promotions newest first, a keyset page at a time, with how often each was used. */
export async function listPromotions(
  db: Knex,
  caller: Principal,
  query: { limit?: number; cursor?: string },
): Promise<{ items: Promotion[]; nextCursor: string | null }> {
  requireAdmin(caller, 'list promotions');
  const problem = pageSizeProblem(query.limit);
  if (problem) throw OrderErrors.invalidFilter(`limit ${problem.message}`, [problem]);
  const limit = pageSize(query.limit);
  const after = query.cursor === undefined ? undefined : decodePromotionCursor(query.cursor);
  const rows = await queryPromotions(db, after, limit + 1);
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodePromotionCursor(last) : null };
}
