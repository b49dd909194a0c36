import type { Knex } from 'knex';
import { Keyset, NEWEST_FIRST } from '../../../src/paging/keyset';
import { checkPageSize } from '../domain/page-size';
import { InventoryErrors } from '../domain/inventory.errors';
import { listAdjustments as queryAdjustments } from '../infrastructure/stock-adjustment.repository';
import { findStockItem } from '../infrastructure/stock-item.repository';
import { toStockAdjustmentView, type StockAdjustmentView } from './stock-views';

export interface StockAdjustmentPage {
  items: StockAdjustmentView[];
  nextCursor: string | null;
}

const ADJUSTMENTS = new Keyset('stock-adjustments', NEWEST_FIRST);

/** The audit trail of one variant's stock, newest first. */
export async function listAdjustments(
  db: Knex,
  variantId: string,
  query: { limit?: number; cursor?: string },
): Promise<StockAdjustmentPage> {
  const limit = checkPageSize(query.limit);
  const after = ADJUSTMENTS.after(query.cursor, InventoryErrors.invalidCursor);
  const id = variantId.toLowerCase();
  const item = await findStockItem(db, id);
  if (!item) throw InventoryErrors.stockItemNotFound(variantId);
  const page = await ADJUSTMENTS.page(
    limit,
    (rows) => queryAdjustments(db, id, after, rows),
    (adjustment) => [adjustment.createdAt, adjustment.id],
  );
  return { items: page.items.map((adjustment) => toStockAdjustmentView(adjustment, item.productId)), nextCursor: page.nextCursor };
}
