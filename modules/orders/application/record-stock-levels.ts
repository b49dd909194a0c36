import type { Knex } from 'knex';
import { applyStockLevels, type StockLevelSeen } from '../infrastructure/stock-level.repository';

/**
 * Keeps the orders module's read model of available stock, which carts show; a level older than the one kept
 * (by the stock item's version) changes nothing. The reservation at checkout stays the authority.
 */
export async function recordStockLevels(trx: Knex.Transaction, levels: readonly StockLevelSeen[]): Promise<void> {
  await applyStockLevels(trx, levels);
}
