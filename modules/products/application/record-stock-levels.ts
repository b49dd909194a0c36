import type { Knex } from 'knex';
import { updateStockFlags } from '../infrastructure/product.repository';

/**
 * Keeps each product's in-stock flag in step with inventory. Levels carry the stock item's version, so a level
 * older than the one already applied is ignored whatever order they arrive in.
 */
export async function recordStockLevels(trx: Knex.Transaction, levels: ReadonlyArray<{ productId: string; available: number; version: number }>): Promise<void> {
  await updateStockFlags(trx, levels);
}
