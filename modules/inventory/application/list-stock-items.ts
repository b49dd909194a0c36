import type { Knex } from 'knex';
import { Keyset } from '../../../src/paging/keyset';
import { checkPageSize } from '../domain/page-size';
import { InventoryErrors } from '../domain/inventory.errors';
import { listStockItems as queryStockItems } from '../infrastructure/stock-item.repository';
import { toStockItemView, type StockItemView } from './stock-views';

export interface StockItemPage {
  items: StockItemView[];
  nextCursor: string | null;
}

const STOCK_ITEMS = new Keyset('stock-items', ['uuid'] as const);

/** Stock items by variant id; with `lowStock`, only those whose available stock is at or below their threshold. */
export async function listStockItems(
  db: Knex,
  query: { lowStock?: boolean; limit?: number; cursor?: string },
): Promise<StockItemPage> {
  const limit = checkPageSize(query.limit);
  const afterVariantId = STOCK_ITEMS.after(query.cursor, InventoryErrors.invalidCursor)?.[0];
  const page = await STOCK_ITEMS.page(
    limit,
    (rows) => queryStockItems(db, { lowStock: query.lowStock, afterVariantId }, rows),
    (item) => [item.variantId],
  );
  return { items: page.items.map(toStockItemView), nextCursor: page.nextCursor };
}
