import type { Knex } from 'knex';
import { checkPageSize, decodeAdjustmentCursor, encodeAdjustmentCursor } from '../domain/inventory-cursor';
import { InventoryErrors } from '../domain/inventory.errors';
import { StockAdjustmentModel } from '../infrastructure/stock-adjustment.model';
import { StockItemModel } from '../infrastructure/stock-item.model';
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
  const item = await StockItemModel.query(db).findById(id);
  if (!item) throw InventoryErrors.stockItemNotFound(productId);
  const builder = StockAdjustmentModel.query(db)
    .where('product_id', id)
    .orderBy([
      { column: 'created_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .limit(limit + 1);
  if (after) builder.whereRaw('(created_at, id) < (?, ?::uuid)', [new Date(after.createdAt), after.id]);
  const rows = await builder;
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map(toStockAdjustmentView),
    nextCursor: rows.length > limit ? encodeAdjustmentCursor({ createdAt: last.createdAt.toISOString(), id: last.id }) : null,
  };
}
