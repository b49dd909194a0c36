import type { Knex } from 'knex';
import type { StockLocation, StockLocationDetails } from '../domain/stock-location';

type Db = Knex | Knex.Transaction;

interface LocationRow {
  id: string;
  code: string;
  name: string;
  country: string;
  priority: number;
  active: boolean;
  created_at: Date;
  updated_at: Date;
}

function toLocation(row: LocationRow): StockLocation {
  return { id: row.id, code: row.code, name: row.name, country: row.country, priority: row.priority, active: row.active, createdAt: row.created_at, updatedAt: row.updated_at };
}

export async function listLocations(db: Db): Promise<StockLocation[]> {
  return ((await db('stock_locations').orderBy([{ column: 'priority' }, { column: 'code' }])) as LocationRow[]).map(toLocation);
}

export async function findLocation(db: Db, id: string): Promise<StockLocation | undefined> {
  const row = (await db('stock_locations').where('id', id).first()) as LocationRow | undefined;
  return row ? toLocation(row) : undefined;
}

/** The locations of these ids that exist, by id (held with a share lock, so none is deleted while stock moves there). */
export async function findLocations(trx: Knex.Transaction, ids: readonly string[]): Promise<Map<string, StockLocation>> {
  if (ids.length === 0) return new Map();
  const rows = (await trx('stock_locations').whereIn('id', [...ids]).forShare()) as LocationRow[];
  return new Map(rows.map((row) => [row.id, toLocation(row)]));
}

export async function findLocationByCode(db: Db, code: string): Promise<StockLocation | undefined> {
  const row = (await db('stock_locations').where('code', code).first()) as LocationRow | undefined;
  return row ? toLocation(row) : undefined;
}

/** Reads a location and holds it (a share lock) so it cannot be deleted while stock moves there. */
export async function holdLocation(trx: Knex.Transaction, id: string): Promise<StockLocation | undefined> {
  const row = (await trx('stock_locations').where('id', id).forShare().first()) as LocationRow | undefined;
  return row ? toLocation(row) : undefined;
}

export async function lockLocation(trx: Knex.Transaction, id: string): Promise<StockLocation | undefined> {
  const row = (await trx('stock_locations').where('id', id).forUpdate().first()) as LocationRow | undefined;
  return row ? toLocation(row) : undefined;
}

export async function insertLocation(trx: Knex.Transaction, location: StockLocationDetails & { id: string }): Promise<StockLocation> {
  const [row] = await trx('stock_locations').insert(location).returning('*');
  return toLocation(row as LocationRow);
}

export async function updateLocation(trx: Knex.Transaction, id: string, changes: Partial<StockLocationDetails>): Promise<StockLocation> {
  const [row] = await trx('stock_locations').where('id', id).update({ ...changes, updated_at: new Date() }).returning('*');
  return toLocation(row as LocationRow);
}

/** Whether any stock is on hand or reserved at the location, and whether any adjustment was ever recorded there. */
export async function locationUsage(trx: Knex.Transaction, id: string): Promise<{ holdsStock: boolean; hasHistory: boolean }> {
  const { rows } = await trx.raw<{ rows: Array<{ holds_stock: boolean; has_history: boolean }> }>(
    `select exists (select 1 from stock_levels where location_id = ? and (on_hand > 0 or reserved > 0)) as holds_stock,
            exists (select 1 from stock_adjustments where location_id = ?) as has_history`,
    [id, id],
  );
  return { holdsStock: rows[0].holds_stock, hasHistory: rows[0].has_history };
}

export async function deleteLocation(trx: Knex.Transaction, id: string): Promise<void> {
  await trx('stock_levels').where('location_id', id).delete();
  await trx('stock_locations').where('id', id).delete();
}
