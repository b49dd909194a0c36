import type { Knex } from 'knex';
import type { CatalogEntry } from '../domain/order-pricing';
import type { StatementResult } from '../../../src/db/one-round-trip';
import { CatalogProductModel } from './catalog-product.model';

export interface CatalogState {
  productId: string;
  sku: string;
  name: string;
  priceCents: number | null;
  currency: string | null;
  version: number;
}

export async function findCatalogEntries(db: Knex | Knex.Transaction, productIds: readonly string[]): Promise<Map<string, CatalogEntry>> {
  const rows = await CatalogProductModel.query(db).whereIn('product_id', [...productIds]);
  return new Map(
    rows.map((row) => [
      row.productId,
      {
        productId: row.productId,
        sku: row.sku,
        name: row.name,
        priceCents: row.priceCents,
        currency: row.currency,
        archived: row.archived,
      },
    ]),
  );
}

/** findCatalogEntries as a complete statement, to send with others; `catalogEntriesOf` reads its result. */
export function catalogEntriesStatement(db: Knex, productIds: readonly string[]): string {
  return db('catalog').whereIn('product_id', [...productIds]).select('product_id', 'sku', 'name', 'price_cents', 'currency', 'archived').toQuery();
}

export function catalogEntriesOf(result: StatementResult): Map<string, CatalogEntry> {
  const rows = result.rows as Array<{ product_id: string; sku: string; name: string; price_cents: number | null; currency: string | null; archived: boolean }>;
  return new Map(
    rows.map((row) => [
      row.product_id,
      { productId: row.product_id, sku: row.sku, name: row.name, priceCents: row.price_cents, currency: row.currency, archived: row.archived },
    ]),
  );
}

/**
 * Applies a product's full state unless a newer version is already known, so a redelivered or
 * late event never overwrites fresher data (product events carry an increasing version).
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
