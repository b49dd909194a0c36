import type { Knex } from 'knex';
import type { mart } from '../../../proto/streams';
import { fieldsOf } from '../../../src/messaging/event-fields';
import type { Money } from '../../../src/money/money';
import { applyProductState } from '../infrastructure/catalog.repository';

/** A product's state as a ProductCreated or ProductUpdated carries it. */
export interface ProductState {
  productId: string;
  sku: string;
  name: string;
  price: Money | undefined;
  version: number;
}

/** The state a ProductCreated or ProductUpdated carries. */
export function productStateOf(product: mart.products.v1.IProductCreated | mart.products.v1.IProductUpdated): ProductState {
  const fields = fieldsOf(product);
  return {
    productId: fields.uuid('productId'),
    sku: fields.text('sku'),
    name: fields.text('name'),
    price: fields.optionalMoney('price'),
    version: fields.count('version'),
  };
}

/**
 * Keeps the orders module's own catalogue (what orders are priced from) at the product state a
 * ProductCreated or ProductUpdated carries; a state older than the one kept (by version) changes nothing.
 */
export async function recordProductInCatalog(trx: Knex.Transaction, product: ProductState): Promise<void> {
  await applyProductState(trx, {
    productId: product.productId,
    sku: product.sku,
    name: product.name,
    priceCents: product.price?.amountMinor ?? null,
    currency: product.price?.currency ?? null,
    version: product.version,
  });
}
