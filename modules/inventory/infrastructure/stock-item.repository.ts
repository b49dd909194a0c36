import type { Knex } from 'knex';
import { raw } from 'objection';
import { LockedRows } from '../../../src/db/locked-rows';
import type { StockLevel } from '../domain/stock-level';
import { StockItemModel } from './stock-item.model';

const locked = new LockedRows<StockItemModel>();

/**
 * Locks the stock rows of these products, always in product-id order, so that two transactions locking
 * overlapping sets wait for each other instead of deadlocking. Rows this transaction has locked already (a
 * consumer batch locks all of its rows first) are not read again: they are as it last wrote them.
 */
export async function lockStockItems(trx: Knex.Transaction, productIds: readonly string[]): Promise<Map<string, StockItemModel>> {
  const wanted = [...new Set(productIds)].sort();
  const unknown = wanted.filter((id) => !locked.known(trx, id));
  if (unknown.length > 0) {
    const rows = await StockItemModel.query(trx).whereIn('product_id', unknown).orderBy('product_id').forUpdate();
    for (const row of rows) locked.remember(trx, row.productId, row);
  }
  const items = new Map<string, StockItemModel>();
  for (const id of wanted) {
    const item = locked.known(trx, id);
    if (item) items.set(id, item);
  }
  return items;
}

/** Writes a locked item's new level and bumps its version, which ordering-sensitive readers compare. */
export async function saveStockLevel(trx: Knex.Transaction, productId: string, level: StockLevel): Promise<StockItemModel> {
  const [saved] = await StockItemModel.query(trx)
    .patch({ onHand: level.onHand, reserved: level.reserved, version: raw('version + 1'), updatedAt: new Date() })
    .where('product_id', productId)
    .returning('*');
  locked.remember(trx, productId, saved);
  return saved;
}

export async function findStockItem(db: Knex, productId: string): Promise<StockItemModel | undefined> {
  return StockItemModel.query(db).findById(productId);
}

/** Stock items by product id; with `lowStock`, only those whose available stock is at or below (or above) their threshold. */
export async function listStockItems(
  db: Knex,
  filter: { lowStock?: boolean; afterProductId?: string },
  limit: number,
): Promise<StockItemModel[]> {
  const query = StockItemModel.query(db).orderBy('product_id').limit(limit);
  if (filter.lowStock === true) query.whereRaw('on_hand - reserved <= low_stock_threshold');
  if (filter.lowStock === false) query.whereRaw('on_hand - reserved > low_stock_threshold');
  if (filter.afterProductId) query.where('product_id', '>', filter.afterProductId);
  return query;
}

/** Inserts a product's empty stock item unless it has one. */
export async function openStockItem(trx: Knex.Transaction, product: { productId: string; sku: string }): Promise<void> {
  await trx('stock_items').insert({ product_id: product.productId, sku: product.sku }).onConflict('product_id').ignore();
}

export async function setLowStockThreshold(db: Knex, productId: string, threshold: number): Promise<StockItemModel | undefined> {
  const [item] = await StockItemModel.query(db)
    .patch({ lowStockThreshold: threshold, updatedAt: new Date() })
    .where('product_id', productId)
    .returning('*');
  if (item && db.isTransaction) locked.remember(db as Knex.Transaction, productId, item);
  return item;
}
