import { newestVersions } from '../../../src/messaging/newest-versions';
import type { Knex } from 'knex';

/** A product's available stock as a StockLevelChanged told it, with the stock item's version. */
export interface StockLevelSeen {
  variantId: string;
  available: number;
  /** What each stock location has available. */
  locations: Array<{ locationId: string; available: number }>;
  version: number;
}

/** Keeps each product's newest level (by version) in one statement; an older one changes nothing. */
export async function applyStockLevels(trx: Knex.Transaction, levels: readonly StockLevelSeen[]): Promise<void> {
  const newest = newestVersions(levels, (level) => level.variantId).map((level) => ({ ...level, variantId: level.variantId.toLowerCase() }));
  if (newest.length === 0) return;
  await trx.raw(
    `insert into stock_levels (variant_id, available, locations, version, updated_at)
     select variant_id, available, locations, version, now() from unnest(?::uuid[], ?::int[], ?::jsonb[], ?::int[]) as u(variant_id, available, locations, version)
     on conflict (variant_id) do update set available = excluded.available, locations = excluded.locations, version = excluded.version, updated_at = now()
     where stock_levels.version < excluded.version`,
    [newest.map((l) => l.variantId), newest.map((l) => l.available), newest.map((l) => JSON.stringify(l.locations)), newest.map((l) => l.version)],
  );
}

export async function findAvailableStock(db: Knex | Knex.Transaction, variantIds: readonly string[]): Promise<Map<string, number>> {
  if (variantIds.length === 0) return new Map();
  return availableStockOf({ rows: await db('stock_levels').whereIn('variant_id', [...variantIds]) });
}

/** findAvailableStock as a complete statement, to send with others; `availableStockOf` reads its result. */
export function findAvailableStockStatement(db: Knex, variantIds: readonly string[]): string {
  return db('stock_levels').whereIn('variant_id', [...variantIds]).select('variant_id', 'available').toQuery();
}

export function availableStockOf(result: { rows: unknown[] }): Map<string, number> {
  return new Map((result.rows as Array<{ variant_id: string; available: number }>).map((row) => [row.variant_id, row.available]));
}

/** What one location has available of each variant, as the read model last heard it. */
export async function availableAtLocation(db: Knex | Knex.Transaction, variantIds: readonly string[], locationId: string): Promise<Map<string, number>> {
  if (variantIds.length === 0) return new Map();
  const rows: Array<{ variant_id: string; locations: Array<{ locationId: string; available: number }> }> = await db('stock_levels')
    .whereIn('variant_id', [...variantIds])
    .select('variant_id', 'locations');
  return new Map(rows.map((row) => [row.variant_id, row.locations.find((l) => l.locationId === locationId)?.available ?? 0]));
}
