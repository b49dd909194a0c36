import type { Knex } from 'knex';
import { InventoryErrors } from '../domain/inventory.errors';
import { setLowStockThreshold as saveThreshold } from '../infrastructure/stock-item.repository';
import { toStockItemView, type StockItemView } from './stock-views';

const MAX_THRESHOLD = 1_000_000;

/** From how few available units on a product counts as low stock. */
export async function setLowStockThreshold(db: Knex, productId: string, threshold: number): Promise<StockItemView> {
  if (!Number.isInteger(threshold) || threshold < 0 || threshold > MAX_THRESHOLD) {
    throw InventoryErrors.invalidThreshold([{ field: 'threshold', message: `must be an integer from 0 to ${MAX_THRESHOLD}` }]);
  }
  const item = await saveThreshold(db, productId.toLowerCase(), threshold);
  if (!item) throw InventoryErrors.stockItemNotFound(productId);
  return toStockItemView(item);
}
