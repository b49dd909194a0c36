import type { Knex } from 'knex';
import { applyStockLevel } from '../infrastructure/stock-level.repository';

/**
 * Keeps the orders module's read model of available stock, which carts show; a level older than the one kept
 * (by the stock item's version) changes nothing. The reservation at checkout stays the authority.
 */
export async function recordStockLevel(trx: Knex.Transaction, level: { productId: string; available: number; version: number }): Promise<void> {
  await applyStockLevel(trx, { ...level, productId: level.productId.toLowerCase() });
}
