import { newestVersions } from '../../../src/messaging/newest-versions';
import type { Knex } from 'knex';

/** A product's available stock as a StockLevelChanged told it, with the stock item's version. */
export interface StockLevelSeen {
  productId: string;
  available: number;
  version: number;
}

/** Keeps each product's newest level (by version) in one statement; an older one changes nothing. */
export async function applyStockLevels(trx: Knex.Transaction, levels: readonly StockLevelSeen[]): Promise<void> {
  const newest = newestVersions(levels, (level) => level.productId).map((level) => ({ ...level, productId: level.productId.toLowerCase() }));
  if (newest.length === 0) return;
  await trx.raw(
    `insert into stock_levels (product_id, available, version, updated_at)
     select product_id, available, version, now() from unnest(?::uuid[], ?::int[], ?::int[]) as u(product_id, available, version)
     on conflict (product_id) do update set available = excluded.available, version = excluded.version, updated_at = now()
     where stock_levels.version < excluded.version`,
    [newest.map((l) => l.productId), newest.map((l) => l.available), newest.map((l) => l.version)],
  );
}

export async function findAvailableStock(db: Knex | Knex.Transaction, productIds: readonly string[]): Promise<Map<string, number>> {
  if (productIds.length === 0) return new Map();
  return availableStockOf({ rows: await db('stock_levels').whereIn('product_id', [...productIds]) });
}

/** findAvailableStock as a complete statement, to send with others; `availableStockOf` reads its result. */
export function findAvailableStockStatement(db: Knex, productIds: readonly string[]): string {
  return db('stock_levels').whereIn('product_id', [...productIds]).select('product_id', 'available').toQuery();
}

export function availableStockOf(result: { rows: unknown[] }): Map<string, number> {
  return new Map((result.rows as Array<{ product_id: string; available: number }>).map((row) => [row.product_id, row.available]));
}
