import type { Knex } from 'knex';
import { checkPageSize, decodeProductCursor, encodeProductCursor } from '../domain/inventory-cursor';
import { listStockItems as queryStockItems } from '../infrastructure/stock-item.repository';
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
  const rows = await queryStockItems(db, { lowStock: query.lowStock, afterProductId: after }, limit + 1);
  const page = rows.slice(0, limit);
  return {
    items: page.map(toStockItemView),
    nextCursor: rows.length > limit ? encodeProductCursor(page[page.length - 1].productId) : null,
  };
}
