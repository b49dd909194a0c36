import type { Knex } from 'knex';
import { InventoryErrors } from '../domain/inventory.errors';
import { setLowStockThreshold as saveThreshold } from '../infrastructure/stock-item.repository';
import { toStockItemView, type StockItemView } from './stock-views';

const MAX_THRESHOLD = 1_000_000;

/** From how few available units on a variant counts as low stock. */
export async function setLowStockThreshold(db: Knex, variantId: string, threshold: number): Promise<StockItemView> {
  if (!Number.isInteger(threshold) || threshold < 0 || threshold > MAX_THRESHOLD) {
    throw InventoryErrors.invalidThreshold([{ field: 'threshold', message: `must be an integer from 0 to ${MAX_THRESHOLD}` }]);
  }
  const item = await saveThreshold(db, variantId.toLowerCase(), threshold);
  if (!item) throw InventoryErrors.stockItemNotFound(variantId);
  return toStockItemView(item);
}
