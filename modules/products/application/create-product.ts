import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { ProductStream } from '../../../proto/streams';
import { isUniqueViolation } from '../../../src/db/database';
import { recordEvent } from '../../../src/messaging/outbox';
import { validateNewProduct, type NewProductInput } from '../domain/product';
import { ProductErrors } from '../domain/products.errors';
import { insertProduct } from '../infrastructure/product.repository';
import { eventDetails, toProductView, type ProductView } from './product-view';

export async function createProduct(db: Knex, input: NewProductInput): Promise<ProductView> {
  const details = validateNewProduct(input);
  const productId = randomUUID();
  try {
    return await db.transaction(async (trx) => {
      const product = await insertProduct(trx, { id: productId, ...details, version: 1 });
      await recordEvent(trx, ProductStream, productId, 'productCreated', eventDetails(productId, details, 1));
      return toProductView(product);
    });
  } catch (error) {
    if (isUniqueViolation(error, 'products_sku_unique')) throw ProductErrors.skuTaken(details.sku);
    throw error;
  }
}
