import type { Knex } from 'knex';
import { updateStockFlag } from '../infrastructure/product.repository';

/**
 * Keeps the product's in-stock flag in step with inventory. Levels carry the stock item's version,
 * so a level older than the one already applied is ignored whatever order they arrive in.
 */
export async function recordStockLevel(
  trx: Knex.Transaction,
  level: { productId: string; available: number; version: number },
): Promise<void> {
  await updateStockFlag(trx, level);
}
