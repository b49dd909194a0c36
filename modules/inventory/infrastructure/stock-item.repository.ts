import type { Knex } from 'knex';
import { updateFromUnnest } from '../../../src/db/update-from-unnest';
import { byPriority, type LocationStock, type StockItem } from '../domain/stock-item';
import { StockItemModel } from './stock-item.model';

type Db = Knex | Knex.Transaction;

/** The items' levels at each location they are stocked at, by priority. */
async function withLevels(db: Db, rows: readonly StockItemModel[]): Promise<StockItem[]> {
  if (rows.length === 0) return [];
  const levels: Array<{ variant_id: string; location_id: string; code: string; priority: number; active: boolean; on_hand: number; reserved: number }> = await db(
    'stock_levels as l',
  )
    .join('stock_locations as s', 's.id', 'l.location_id')
    .whereIn('l.variant_id', rows.map((row) => row.variantId))
    .select('l.variant_id', 'l.location_id', 's.code', 's.priority', 's.active', 'l.on_hand', 'l.reserved');
  const byVariant = new Map<string, LocationStock[]>();
  for (const level of levels) {
    const list = byVariant.get(level.variant_id) ?? [];
    list.push({ locationId: level.location_id, code: level.code, priority: level.priority, active: level.active, onHand: level.on_hand, reserved: level.reserved });
    byVariant.set(level.variant_id, list);
  }
  return rows.map((row) => ({ ...row.toStockItem(), levels: (byVariant.get(row.variantId) ?? []).sort(byPriority) }));
}

/**
 * Locks the stock rows of these variants, always in variant-id order, so that two transactions locking
 * overlapping sets wait for each other instead of deadlocking. A variant's levels change only under its row's lock.
 */
export async function lockStockItems(trx: Knex.Transaction, variantIds: readonly string[]): Promise<Map<string, StockItem>> {
  const wanted = [...new Set(variantIds)].sort();
  if (wanted.length === 0) return new Map();
  const rows = await StockItemModel.query(trx).whereIn('variant_id', wanted).orderBy('variant_id').forUpdate();
  return new Map((await withLevels(trx, rows)).map((item) => [item.variantId, item]));
}

/** Writes locked items' totals, versions and levels (as the caller counted them): two statements. */
export async function saveStockLevels(trx: Knex.Transaction, items: readonly StockItem[]): Promise<void> {
  if (items.length === 0) return;
  await updateFromUnnest(
    trx,
    'stock_items',
    { name: 'variant_id', type: 'uuid', value: (i) => i.variantId },
    [
      { name: 'on_hand', type: 'int', value: (i) => i.onHand },
      { name: 'reserved', type: 'int', value: (i) => i.reserved },
      { name: 'version', type: 'int', value: (i) => i.version },
    ],
    items,
    ['updated_at = now()'],
  );
  const levels = items.flatMap((item) => item.levels.map((level) => ({ variantId: item.variantId, ...level })));
  await trx.raw(
    `insert into stock_levels (variant_id, location_id, on_hand, reserved)
     select * from unnest(?::uuid[], ?::uuid[], ?::int[], ?::int[])
     on conflict (variant_id, location_id) do update
       set on_hand = excluded.on_hand, reserved = excluded.reserved, updated_at = now()
     where (stock_levels.on_hand, stock_levels.reserved) is distinct from (excluded.on_hand, excluded.reserved)`,
    [levels.map((l) => l.variantId), levels.map((l) => l.locationId), levels.map((l) => l.onHand), levels.map((l) => l.reserved)],
  );
}

export async function findStockItem(db: Knex, variantId: string): Promise<StockItem | undefined> {
  const row = await StockItemModel.query(db).findById(variantId);
  return row ? (await withLevels(db, [row]))[0] : undefined;
}

/** Stock items by variant id; with `lowStock`, only those whose available stock is at or below (or above) their threshold. */
export async function listStockItems(db: Knex, filter: { lowStock?: boolean; afterVariantId?: string }, limit: number): Promise<StockItem[]> {
  const query = StockItemModel.query(db).orderBy('variant_id').limit(limit);
  if (filter.lowStock === true) query.whereRaw('on_hand - reserved <= low_stock_threshold');
  if (filter.lowStock === false) query.whereRaw('on_hand - reserved > low_stock_threshold');
  if (filter.afterVariantId) query.where('variant_id', '>', filter.afterVariantId);
  return withLevels(db, await query);
}

/** Inserts a variant's empty stock item unless it has one. */
export async function openStockItem(trx: Knex.Transaction, variant: { variantId: string; productId: string; sku: string }): Promise<void> {
  await trx('stock_items').insert({ variant_id: variant.variantId, product_id: variant.productId, sku: variant.sku }).onConflict('variant_id').ignore();
}

export async function setLowStockThreshold(db: Knex, variantId: string, threshold: number): Promise<StockItem | undefined> {
  const [row] = await StockItemModel.query(db).patch({ lowStockThreshold: threshold, updatedAt: new Date() }).where('variant_id', variantId).returning('*');
  return row ? (await withLevels(db, [row]))[0] : undefined;
}
