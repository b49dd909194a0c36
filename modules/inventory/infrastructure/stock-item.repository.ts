import type { Knex } from 'knex';
import { updateFromUnnest } from '../../../src/db/update-from-unnest';
import { raw } from 'objection';
import type { StockItem } from '../domain/stock-item';
import type { StockLevel } from '../domain/stock-level';
import { StockItemModel } from './stock-item.model';

/**
 * Locks the stock rows of these products, always in product-id order, so that two transactions locking
 * overlapping sets wait for each other instead of deadlocking.
 */
export async function lockStockItems(trx: Knex.Transaction, productIds: readonly string[]): Promise<Map<string, StockItem>> {
  const wanted = [...new Set(productIds)].sort();
  if (wanted.length === 0) return new Map();
  const rows = await StockItemModel.query(trx).whereIn('product_id', wanted).orderBy('product_id').forUpdate();
  return new Map(rows.map((row) => [row.productId, row.toStockItem()]));
}

/** Writes a locked item's new level and bumps its version, which ordering-sensitive readers compare. */
export async function saveStockLevel(trx: Knex.Transaction, productId: string, level: StockLevel): Promise<StockItem> {
  const [saved] = await StockItemModel.query(trx)
    .patch({ onHand: level.onHand, reserved: level.reserved, version: raw('version + 1'), updatedAt: new Date() })
    .where('product_id', productId)
    .returning('*');
  return saved.toStockItem();
}

/** Writes locked items' new levels and versions (as the caller counted them) in one statement. */
export async function saveStockLevels(trx: Knex.Transaction, items: readonly StockItem[]): Promise<void> {
  await updateFromUnnest(
    trx,
    'stock_items',
    { name: 'product_id', type: 'uuid', value: (i) => i.productId },
    [
      { name: 'on_hand', type: 'int', value: (i) => i.onHand },
      { name: 'reserved', type: 'int', value: (i) => i.reserved },
      { name: 'version', type: 'int', value: (i) => i.version },
    ],
    items,
    ['updated_at = now()'],
  );
}

export async function findStockItem(db: Knex, productId: string): Promise<StockItem | undefined> {
  return (await StockItemModel.query(db).findById(productId))?.toStockItem();
}

/** Stock items by product id; with `lowStock`, only those whose available stock is at or below (or above) their threshold. */
export async function listStockItems(
  db: Knex,
  filter: { lowStock?: boolean; afterProductId?: string },
  limit: number,
): Promise<StockItem[]> {
  const query = StockItemModel.query(db).orderBy('product_id').limit(limit);
  if (filter.lowStock === true) query.whereRaw('on_hand - reserved <= low_stock_threshold');
  if (filter.lowStock === false) query.whereRaw('on_hand - reserved > low_stock_threshold');
  if (filter.afterProductId) query.where('product_id', '>', filter.afterProductId);
  return (await query).map((row) => row.toStockItem());
}

/** Inserts a product's empty stock item unless it has one. */
export async function openStockItem(trx: Knex.Transaction, product: { productId: string; sku: string }): Promise<void> {
  await trx('stock_items').insert({ product_id: product.productId, sku: product.sku }).onConflict('product_id').ignore();
}

export async function setLowStockThreshold(db: Knex, productId: string, threshold: number): Promise<StockItem | undefined> {
  const [item] = await StockItemModel.query(db)
    .patch({ lowStockThreshold: threshold, updatedAt: new Date() })
    .where('product_id', productId)
    .returning('*');
  return item?.toStockItem();
}
