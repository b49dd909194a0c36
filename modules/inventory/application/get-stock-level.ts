import type { Knex } from 'knex';
import { InventoryErrors } from '../domain/inventory.errors';
import { StockItemModel } from '../infrastructure/stock-item.model';
import { toStockLevelView, type StockLevelView } from './stock-views';

export async function getStockLevel(db: Knex, productId: string): Promise<StockLevelView> {
  const item = await StockItemModel.query(db).findById(productId.toLowerCase());
  if (!item) throw InventoryErrors.stockItemNotFound(productId);
  return toStockLevelView(item);
}
