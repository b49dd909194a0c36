import type { Knex } from 'knex';
import { InventoryErrors } from '../domain/inventory.errors';
import { StockItemModel } from '../infrastructure/stock-item.model';
import { toStockItemView, type StockItemView } from './stock-views';

const MAX_THRESHOLD = 1_000_000;

/** From how few available units on a product counts as low stock. */
export async function setLowStockThreshold(db: Knex, productId: string, threshold: number): Promise<StockItemView> {
  if (!Number.isInteger(threshold) || threshold < 0 || threshold > MAX_THRESHOLD) {
    throw InventoryErrors.invalidThreshold([{ field: 'threshold', message: `must be an integer from 0 to ${MAX_THRESHOLD}` }]);
  }
  const [item] = await StockItemModel.query(db)
    .patch({ lowStockThreshold: threshold, updatedAt: new Date() })
    .where('product_id', productId.toLowerCase())
    .returning('*');
  if (!item) throw InventoryErrors.stockItemNotFound(productId);
  return toStockItemView(item);
}
