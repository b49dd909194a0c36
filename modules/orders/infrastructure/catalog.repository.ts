import type { Knex } from 'knex';
import type { CatalogEntry, VariantOptionValue } from '../domain/order-pricing';
import type { TaxClass } from '../domain/tax/tax-rate';
import type { StatementResult } from '../../../src/db/one-round-trip';

export interface CatalogState {
  productId: string;
  sku: string;
  name: string;
  priceCents: number | null;
  currency: string | null;
  version: number;
}

export interface VariantState {
  variantId: string;
  productId: string;
  sku: string;
  productName: string;
  options: VariantOptionValue[];
  priceCents: number | null;
  currency: string | null;
  taxClass: TaxClass;
  weightGrams: number | null;
  version: number;
}

interface EntryRow {
  variant_id: string;
  product_id: string;
  sku: string;
  name: string;
  options: VariantOptionValue[];
  price_cents: number | string | null;
  currency: string | null;
  archived: boolean;
  tax_class: TaxClass;
  weight_grams: number | null;
}

/**
 * The variants these ids name, and the variants of the products they name (an item may name a product with one
 * live variant): each with its product's name and whether it can be ordered (neither it nor its product archived).
 */
function entriesQuery(db: Knex | Knex.Transaction, ids: readonly string[]) {
  return db('catalog_variants as v')
    .leftJoin('catalog as c', 'c.product_id', 'v.product_id')
    .whereIn('v.variant_id', [...ids])
    .orWhereIn('v.product_id', [...ids])
    .select(
      'v.variant_id',
      'v.product_id',
      'v.sku',
      db.raw("coalesce(nullif(c.name, ''), v.product_name) as name"),
      'v.options',
      'v.price_cents',
      'v.currency',
      db.raw('(v.archived or coalesce(c.archived, false)) as archived'),
      'v.tax_class',
      'v.weight_grams',
    );
}

function toEntries(rows: readonly EntryRow[]): CatalogEntry[] {
  return rows.map((row) => ({
    variantId: row.variant_id,
    productId: row.product_id,
    sku: row.sku,
    name: row.name,
    options: row.options,
    priceCents: row.price_cents === null ? null : Number(row.price_cents),
    currency: row.currency,
    archived: row.archived,
    taxClass: row.tax_class,
    weightGrams: row.weight_grams,
  }));
}

export async function findCatalogEntries(db: Knex | Knex.Transaction, ids: readonly string[]): Promise<CatalogEntry[]> {
  if (ids.length === 0) return [];
  return toEntries((await entriesQuery(db, ids)) as EntryRow[]);
}

/** findCatalogEntries as a complete statement, to send with others; `catalogEntriesOf` reads its result. */
export function catalogEntriesStatement(db: Knex, ids: readonly string[]): string {
  return entriesQuery(db, ids.length > 0 ? ids : ['00000000-0000-0000-0000-000000000000']).toQuery();
}

export function catalogEntriesOf(result: StatementResult): CatalogEntry[] {
  return toEntries(result.rows as EntryRow[]);
}

/**
 * Applies a product's state (its name, what order lines show) unless a newer version is already known, so a
 * redelivered or late event never overwrites fresher data (product events carry an increasing version).
 */
export async function applyProductState(trx: Knex.Transaction, state: CatalogState): Promise<void> {
  await trx.raw(
    `insert into catalog (product_id, sku, name, price_cents, currency, archived, version, updated_at)
     values (?, ?, ?, ?, ?, false, ?, now())
     on conflict (product_id) do update
       set sku = excluded.sku, name = excluded.name, price_cents = excluded.price_cents,
           currency = excluded.currency, version = excluded.version, updated_at = now()
     where catalog.version <= excluded.version and not catalog.archived`,
    [state.productId, state.sku, state.name, state.priceCents, state.currency, state.version],
  );
}

/** Applies a variant's state (what it is priced at and shows) unless a newer version of it is already known. */
export async function applyVariantState(trx: Knex.Transaction, state: VariantState): Promise<void> {
  await trx.raw(
    `insert into catalog_variants (variant_id, product_id, sku, product_name, options, price_cents, currency, tax_class, weight_grams, archived, version, updated_at)
     values (?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, false, ?, now())
     on conflict (variant_id) do update
       set sku = excluded.sku, product_name = excluded.product_name, options = excluded.options, price_cents = excluded.price_cents,
           currency = excluded.currency, tax_class = excluded.tax_class, weight_grams = excluded.weight_grams, version = excluded.version, updated_at = now()
     where catalog_variants.version <= excluded.version and not catalog_variants.archived`,
    [state.variantId, state.productId, state.sku, state.productName, JSON.stringify(state.options), state.priceCents, state.currency, state.taxClass, state.weightGrams, state.version],
  );
}

/** Archival is final: once archived, a product can never be ordered again, whatever arrives later. */
export async function archiveProduct(trx: Knex.Transaction, product: { productId: string; sku: string; version: number }): Promise<void> {
  await trx.raw(
    `insert into catalog (product_id, sku, name, price_cents, currency, archived, version, updated_at)
     values (?, ?, '', null, null, true, ?, now())
     on conflict (product_id) do update
       set archived = true, version = greatest(catalog.version, excluded.version), updated_at = now()`,
    [product.productId, product.sku, product.version],
  );
}

/** Archival of a variant is final too. */
export async function archiveVariant(trx: Knex.Transaction, variant: { variantId: string; productId: string; sku: string; version: number }): Promise<void> {
  await trx.raw(
    `insert into catalog_variants (variant_id, product_id, sku, price_cents, currency, archived, version, updated_at)
     values (?, ?, ?, null, null, true, ?, now())
     on conflict (variant_id) do update
       set archived = true, version = greatest(catalog_variants.version, excluded.version), updated_at = now()`,
    [variant.variantId, variant.productId, variant.sku, variant.version],
  );
}
