import type { Knex } from 'knex';

/**
 * Keeps the product's in-stock flag in step with inventory. Levels carry the stock item's version,
 * so a level older than the one already applied is ignored whatever order they arrive in.
 */
export async function recordStockLevel(
  trx: Knex.Transaction,
  level: { productId: string; available: number; version: number },
): Promise<void> {
  await trx('products')
    .where('id', level.productId)
    .andWhere('stock_version', '<', level.version)
    .update({ in_stock: level.available > 0, stock_version: level.version });
}
