import type { Knex } from 'knex';
import { checkPageSize, decodeProductCursor, encodeProductCursor } from '../domain/inventory-cursor';
import { StockItemModel } from '../infrastructure/stock-item.model';
import { toStockItemView, type StockItemView } from './stock-views';

export interface StockItemPage {
  items: StockItemView[];
  nextCursor: string | null;
}

/** Stock items by product id; with `lowStock`, only those whose available stock is at or below their threshold. */
export async function listStockItems(
  db: Knex,
  query: { lowStock?: boolean; limit?: number; cursor?: string },
): Promise<StockItemPage> {
  const limit = checkPageSize(query.limit);
  const after = query.cursor ? decodeProductCursor(query.cursor) : undefined;
  const builder = StockItemModel.query(db).orderBy('product_id').limit(limit + 1);
  if (query.lowStock === true) builder.whereRaw('on_hand - reserved <= low_stock_threshold');
  if (query.lowStock === false) builder.whereRaw('on_hand - reserved > low_stock_threshold');
  if (after) builder.where('product_id', '>', after);
  const rows = await builder;
  const page = rows.slice(0, limit);
  return {
    items: page.map(toStockItemView),
    nextCursor: rows.length > limit ? encodeProductCursor(page[page.length - 1].productId) : null,
  };
}
