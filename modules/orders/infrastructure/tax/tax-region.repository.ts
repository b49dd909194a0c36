import type { Knex } from 'knex';
import type { StatementResult } from '../../../../src/db/one-round-trip';
import type { TaxRegion } from '../../domain/tax/tax-rate';

type Db = Knex | Knex.Transaction;

interface RegionRow {
  id: string;
  country: string;
  region: string | null;
  rates: TaxRegion['rates'];
  prices_include_tax: boolean;
  shipping_taxed: boolean;
}

const toRegion = (row: RegionRow): TaxRegion => ({
  id: row.id,
  country: row.country,
  region: row.region,
  rates: row.rates,
  pricesIncludeTax: row.prices_include_tax,
  shippingTaxed: row.shipping_taxed,
});

const regionsQuery = (db: Db) => db('tax_regions').orderBy([{ column: 'country' }, { column: 'region', nulls: 'first' }]).select('id', 'country', 'region', 'rates', 'prices_include_tax', 'shipping_taxed');

/** The tax regions of a country (the country's own and its regions'), as a statement to send with others. */
export function taxRegionsStatement(db: Knex, country: string): string {
  return regionsQuery(db).where('country', country).toQuery();
}

export function taxRegionsOf(result: StatementResult): TaxRegion[] {
  return (result.rows as RegionRow[]).map(toRegion);
}

export async function findTaxRegions(db: Db, country?: string): Promise<TaxRegion[]> {
  const query = regionsQuery(db);
  if (country) query.where('country', country);
  return ((await query) as RegionRow[]).map(toRegion);
}

export async function findTaxRegion(db: Db, id: string): Promise<TaxRegion | undefined> {
  const row = (await regionsQuery(db).where('id', id).first()) as RegionRow | undefined;
  return row ? toRegion(row) : undefined;
}

function columns(region: Partial<Omit<TaxRegion, 'id'>>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  if (region.country !== undefined) result.country = region.country;
  if (region.region !== undefined) result.region = region.region;
  if (region.rates !== undefined) result.rates = JSON.stringify(region.rates);
  if (region.pricesIncludeTax !== undefined) result.prices_include_tax = region.pricesIncludeTax;
  if (region.shippingTaxed !== undefined) result.shipping_taxed = region.shippingTaxed;
  return result;
}

export async function insertTaxRegion(db: Db, region: TaxRegion): Promise<TaxRegion> {
  const [row] = await db('tax_regions').insert({ id: region.id, ...columns(region) }).returning('*');
  return toRegion(row as RegionRow);
}

export async function updateTaxRegion(db: Db, id: string, changes: Partial<Omit<TaxRegion, 'id'>>): Promise<TaxRegion | undefined> {
  const changed = columns(changes);
  if (Object.keys(changed).length === 0) return findTaxRegion(db, id);
  const [row] = await db('tax_regions').where('id', id).update(changed).returning('*');
  return row ? toRegion(row as RegionRow) : undefined;
}

export async function deleteTaxRegion(db: Db, id: string): Promise<boolean> {
  return (await db('tax_regions').where('id', id).delete()) > 0;
}
