import { isUuid } from '../../../src/validation/uuid';
import { newestVersions } from '../../../src/messaging/newest-versions';
import type { Knex } from 'knex';
import type { Product, ProductDetails } from '../domain/product';
import { PRODUCT_COLUMNS, ProductModel } from './product.model';

type Db = Knex | Knex.Transaction;
type ProductChange = Partial<ProductDetails> & { version: number; updatedAt: Date; archivedAt?: Date };

/** A listed (not archived) product, for shoppers. */
export async function findListedProduct(db: Db, productId: string): Promise<Product | undefined> {
  return (await ProductModel.query(db).select(PRODUCT_COLUMNS).findById(productId).whereNull('archived_at'))?.toProduct();
}

/** Locks a product for a change; `listedOnly` leaves archived products out. */
export async function lockProduct(trx: Knex.Transaction, productId: string, { listedOnly }: { listedOnly: boolean }): Promise<Product | undefined> {
  const query = ProductModel.query(trx).select(PRODUCT_COLUMNS).findById(productId).forUpdate();
  if (listedOnly) query.whereNull('archived_at');
  return (await query)?.toProduct();
}

export async function insertProduct(trx: Knex.Transaction, product: ProductDetails & { id: string; version: number }): Promise<Product> {
  const inserted = await ProductModel.query(trx)
    .insert(product)
    .returning(PRODUCT_COLUMNS as unknown as string[]);
  return inserted.toProduct();
}

export async function updateProductRow(trx: Knex.Transaction, productId: string, change: ProductChange): Promise<Product> {
  const [updated] = await ProductModel.query(trx)
    .patch(change)
    .where('id', productId)
    .returning(PRODUCT_COLUMNS as unknown as string[]);
  return updated.toProduct();
}

/** Sets each product's in-stock flag from its newest level (by version) in one statement; an older level changes nothing. */
export async function updateStockFlags(trx: Knex.Transaction, levels: ReadonlyArray<{ productId: string; available: number; version: number }>): Promise<void> {
  const newest = newestVersions(levels, (level) => level.productId).filter((level) => isUuid(level.productId));
  if (newest.length === 0) return;
  await trx.raw(
    `update products p set in_stock = u.available > 0, stock_version = u.version
       from unnest(?::uuid[], ?::int[], ?::int[]) as u(id, available, version)
      where p.id = u.id and p.stock_version < u.version`,
    [newest.map((l) => l.productId.toLowerCase()), newest.map((l) => l.available), newest.map((l) => l.version)],
  );
}
