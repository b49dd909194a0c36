import type { Knex } from 'knex';
import { raw } from 'objection';
import type { StockLevel } from '../domain/stock-level';
import { StockItemModel } from './stock-item.model';

/**
 * Locks the stock rows of these products, always in product-id order, so that two transactions locking
 * overlapping sets wait for each other instead of deadlocking.
 */
export async function lockStockItems(trx: Knex.Transaction, productIds: readonly string[]): Promise<Map<string, StockItemModel>> {
  if (productIds.length === 0) return new Map();
  const rows = await StockItemModel.query(trx).whereIn('product_id', productIds).orderBy('product_id').forUpdate();
  return new Map(rows.map((row) => [row.productId, row]));
}

/** Writes a locked item's new level and bumps its version, which ordering-sensitive readers compare. */
export async function saveStockLevel(trx: Knex.Transaction, productId: string, level: StockLevel): Promise<StockItemModel> {
  const [saved] = await StockItemModel.query(trx)
    .patch({ onHand: level.onHand, reserved: level.reserved, version: raw('version + 1'), updatedAt: new Date() })
    .where('product_id', productId)
    .returning('*');
  return saved;
}
