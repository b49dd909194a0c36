import type { Knex } from 'knex';
import { ProductErrors } from '../domain/products.errors';
import { PRODUCT_COLUMNS, ProductModel } from '../infrastructure/product.model';
import { toProductView, type ProductView } from './product-view';

/** A listed product; archived products are gone for shoppers. */
export async function getProduct(db: Knex, productId: string): Promise<ProductView> {
  const product = await ProductModel.query(db).select(PRODUCT_COLUMNS).findById(productId).whereNull('archived_at');
  if (!product) throw ProductErrors.notFound(productId);
  return toProductView(product);
}
