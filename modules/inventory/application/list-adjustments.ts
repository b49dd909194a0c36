import type { Knex } from 'knex';
import { checkPageSize, decodeAdjustmentCursor, encodeAdjustmentCursor } from '../domain/inventory-cursor';
import { InventoryErrors } from '../domain/inventory.errors';
import { listAdjustments as queryAdjustments } from '../infrastructure/stock-adjustment.repository';
import { findStockItem } from '../infrastructure/stock-item.repository';
import { toStockAdjustmentView, type StockAdjustmentView } from './stock-views';

export interface StockAdjustmentPage {
  items: StockAdjustmentView[];
  nextCursor: string | null;
}

/** The audit trail of one product's stock, newest first. */
export async function listAdjustments(
  db: Knex,
  productId: string,
  query: { limit?: number; cursor?: string },
): Promise<StockAdjustmentPage> {
  const limit = checkPageSize(query.limit);
  const after = query.cursor ? decodeAdjustmentCursor(query.cursor) : undefined;
  const id = productId.toLowerCase();
  const item = await findStockItem(db, id);
  if (!item) throw InventoryErrors.stockItemNotFound(productId);
  const rows = await queryAdjustments(db, id, after, limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map(toStockAdjustmentView),
    nextCursor: rows.length > limit ? encodeAdjustmentCursor({ createdAt: last.createdAt.toISOString(), id: last.id }) : null,
  };
}
