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
