import type { Knex } from 'knex';
import { ProductErrors } from '../domain/products.errors';
import { findListedProduct } from '../infrastructure/product.repository';
import { viewOf, type ProductView } from './product-view';

/** A listed product; archived products are gone for shoppers. */
export async function getProduct(db: Knex, productId: string): Promise<ProductView> {
  const product = await findListedProduct(db, productId);
  if (!product) throw ProductErrors.notFound(productId);
  return viewOf(db, product);
}
