import type { Knex } from 'knex';
import type { StatementResult } from '../../../../src/db/one-round-trip';
import type { ShippingOption, ShippingZone } from '../../domain/shipping/shipping-option';

type Db = Knex | Knex.Transaction;

interface ZoneRow {
  id: string;
  name: string;
  countries: string[];
  postcode_prefixes: string[];
}

interface OptionRow {
  id: string;
  zone_id: string;
  name: string;
  price_minor: string | number;
  currency: string;
  free_above_minor: string | number | null;
  weight_bands: ShippingOption['weightBands'];
  active: boolean;
}

const toZone = (row: ZoneRow): ShippingZone => ({ id: row.id, name: row.name, countries: row.countries, postcodePrefixes: row.postcode_prefixes });

const toOption = (row: OptionRow): ShippingOption => ({
  id: row.id,
  zoneId: row.zone_id,
  name: row.name,
  priceMinor: Number(row.price_minor),
  currency: row.currency.trim(),
  freeAboveMinor: row.free_above_minor === null ? null : Number(row.free_above_minor),
  weightBands: row.weight_bands,
  active: row.active,
});

const zonesQuery = (db: Db) => db('shipping_zones').orderBy(['name', 'id']).select('id', 'name', 'countries', 'postcode_prefixes');
const optionsQuery = (db: Db) => db('shipping_options').orderBy(['name', 'id']).select('id', 'zone_id', 'name', 'price_minor', 'currency', 'free_above_minor', 'weight_bands', 'active');

/** Every zone and option (a shop has a handful): what pricing an order's shipping needs, as statements to send with others. */
export function shippingSetupStatements(db: Knex): string[] {
  return [zonesQuery(db).toQuery(), optionsQuery(db).toQuery()];
}

export function shippingSetupOf([zones, options]: readonly StatementResult[]): { zones: ShippingZone[]; options: ShippingOption[] } {
  return { zones: (zones.rows as ZoneRow[]).map(toZone), options: (options.rows as OptionRow[]).map(toOption) };
}

export async function findShippingSetup(db: Db): Promise<{ zones: ShippingZone[]; options: ShippingOption[] }> {
  const [zones, options] = await Promise.all([zonesQuery(db), optionsQuery(db)]);
  return { zones: (zones as ZoneRow[]).map(toZone), options: (options as OptionRow[]).map(toOption) };
}

export async function findZone(db: Db, id: string): Promise<ShippingZone | undefined> {
  const row = (await zonesQuery(db).where('id', id).first()) as ZoneRow | undefined;
  return row ? toZone(row) : undefined;
}

export async function findOption(db: Db, id: string): Promise<ShippingOption | undefined> {
  const row = (await optionsQuery(db).where('id', id).first()) as OptionRow | undefined;
  return row ? toOption(row) : undefined;
}

export async function insertZone(db: Db, zone: ShippingZone): Promise<ShippingZone> {
  const [row] = await db('shipping_zones').insert({ id: zone.id, name: zone.name, countries: zone.countries, postcode_prefixes: zone.postcodePrefixes }).returning('*');
  return toZone(row as ZoneRow);
}

export async function updateZone(db: Db, id: string, changes: Partial<Omit<ShippingZone, 'id'>>): Promise<ShippingZone | undefined> {
  const columns: Record<string, unknown> = {};
  if (changes.name !== undefined) columns.name = changes.name;
  if (changes.countries !== undefined) columns.countries = changes.countries;
  if (changes.postcodePrefixes !== undefined) columns.postcode_prefixes = changes.postcodePrefixes;
  if (Object.keys(columns).length === 0) return findZone(db, id);
  const [row] = await db('shipping_zones').where('id', id).update(columns).returning('*');
  return row ? toZone(row as ZoneRow) : undefined;
}

/** Deletes a zone and its options (orders keep what they froze of them). */
export async function deleteZone(db: Knex, id: string): Promise<boolean> {
  return db.transaction(async (trx) => {
    await trx('shipping_options').where('zone_id', id).delete();
    return (await trx('shipping_zones').where('id', id).delete()) > 0;
  });
}

function optionColumns(option: Partial<Omit<ShippingOption, 'id'>>): Record<string, unknown> {
  const columns: Record<string, unknown> = {};
  if (option.zoneId !== undefined) columns.zone_id = option.zoneId;
  if (option.name !== undefined) columns.name = option.name;
  if (option.priceMinor !== undefined) columns.price_minor = option.priceMinor;
  if (option.currency !== undefined) columns.currency = option.currency;
  if (option.freeAboveMinor !== undefined) columns.free_above_minor = option.freeAboveMinor;
  if (option.weightBands !== undefined) columns.weight_bands = option.weightBands === null ? null : JSON.stringify(option.weightBands);
  if (option.active !== undefined) columns.active = option.active;
  return columns;
}

export async function insertOption(db: Db, option: ShippingOption): Promise<ShippingOption> {
  const [row] = await db('shipping_options').insert({ id: option.id, ...optionColumns(option) }).returning('*');
  return toOption(row as OptionRow);
}

export async function updateOption(db: Db, id: string, changes: Partial<Omit<ShippingOption, 'id'>>): Promise<ShippingOption | undefined> {
  const columns = optionColumns(changes);
  if (Object.keys(columns).length === 0) return findOption(db, id);
  const [row] = await db('shipping_options').where('id', id).update(columns).returning('*');
  return row ? toOption(row as OptionRow) : undefined;
}

export async function deleteOption(db: Db, id: string): Promise<boolean> {
  return (await db('shipping_options').where('id', id).delete()) > 0;
}
