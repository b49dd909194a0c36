import type { Knex } from 'knex';
import { InventoryErrors } from '../domain/inventory.errors';
import { findStockItem } from '../infrastructure/stock-item.repository';
import { toStockLevelView, type StockLevelView } from './stock-views';

export async function getStockLevel(db: Knex, productId: string): Promise<StockLevelView> {
  const item = await findStockItem(db, productId.toLowerCase());
  if (!item) throw InventoryErrors.stockItemNotFound(productId);
  return toStockLevelView(item);
}
