import type { Knex } from 'knex';

/** Keeps a product's available stock unless a newer level (by the stock item's version) is already known. */
export async function applyStockLevel(trx: Knex.Transaction, level: { productId: string; available: number; version: number }): Promise<void> {
  await trx.raw(
    `insert into stock_levels (product_id, available, version, updated_at) values (?, ?, ?, now())
     on conflict (product_id) do update set available = excluded.available, version = excluded.version, updated_at = now()
     where stock_levels.version < excluded.version`,
    [level.productId, level.available, level.version],
  );
}

export async function findAvailableStock(db: Knex | Knex.Transaction, productIds: readonly string[]): Promise<Map<string, number>> {
  if (productIds.length === 0) return new Map();
  const rows = await db('stock_levels').whereIn('product_id', [...productIds]);
  return new Map(rows.map((row: { product_id: string; available: number }) => [row.product_id, row.available]));
}
