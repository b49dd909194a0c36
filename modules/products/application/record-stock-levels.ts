import type { Knex } from 'knex';
import { updateStockFlags } from '../infrastructure/variant.repository';

/**
 * Keeps each variant's in-stock flag, and its product's (any live variant in stock), in step with inventory.
 * Levels carry the stock item's version, so a level older than the one already applied is ignored whatever order
 * they arrive in.
 */
export async function recordStockLevels(trx: Knex.Transaction, levels: ReadonlyArray<{ variantId: string; available: number; version: number }>): Promise<void> {
  await updateStockFlags(trx, levels);
}
