import type { Knex } from 'knex';
import type { ProductDetails } from '../domain/product';
import { PRODUCT_COLUMNS, ProductModel } from './product.model';

type Db = Knex | Knex.Transaction;
type ProductChange = Partial<ProductDetails> & { version: number; updatedAt: Date; archivedAt?: Date };

/** A listed (not archived) product, for shoppers. */
export async function findListedProduct(db: Db, productId: string): Promise<ProductModel | undefined> {
  return ProductModel.query(db).select(PRODUCT_COLUMNS).findById(productId).whereNull('archived_at');
}

/** Locks a product for a change; `listedOnly` leaves archived products out. */
export async function lockProduct(trx: Knex.Transaction, productId: string, { listedOnly }: { listedOnly: boolean }): Promise<ProductModel | undefined> {
  const query = ProductModel.query(trx).select(PRODUCT_COLUMNS).findById(productId).forUpdate();
  if (listedOnly) query.whereNull('archived_at');
  return query;
}

export async function insertProduct(trx: Knex.Transaction, product: ProductDetails & { id: string; version: number }): Promise<ProductModel> {
  return ProductModel.query(trx)
    .insert(product)
    .returning(PRODUCT_COLUMNS as unknown as string[]);
}

export async function updateProductRow(trx: Knex.Transaction, productId: string, change: ProductChange): Promise<ProductModel> {
  const [updated] = await ProductModel.query(trx)
    .patch(change)
    .where('id', productId)
    .returning(PRODUCT_COLUMNS as unknown as string[]);
  return updated;
}

/** Sets the in-stock flag from a stock level unless a newer level (by the stock item's version) was applied. */
export async function updateStockFlag(trx: Knex.Transaction, level: { productId: string; available: number; version: number }): Promise<void> {
  await trx('products')
    .where('id', level.productId)
    .andWhere('stock_version', '<', level.version)
    .update({ in_stock: level.available > 0, stock_version: level.version });
}
