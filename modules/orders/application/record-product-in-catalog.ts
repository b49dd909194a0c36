import type { Knex } from 'knex';
import type { mart } from '../../../proto/streams';
import { optionalEventMoney } from '../../../src/messaging/event-money';
import { applyProductState } from '../infrastructure/catalog.repository';

/**
 * Keeps the orders module's own catalogue (what orders are priced from) at the product state a
 * ProductCreated or ProductUpdated carries; a state older than the one kept (by version) changes nothing.
 */
export async function recordProductInCatalog(
  trx: Knex.Transaction,
  product: mart.products.v1.IProductCreated | mart.products.v1.IProductUpdated,
  aggregateId: string,
  version: number,
): Promise<void> {
  const price = optionalEventMoney(product.price, 'the product price');
  await applyProductState(trx, {
    productId: product.productId || aggregateId,
    sku: product.sku ?? '',
    name: product.name ?? '',
    priceCents: price?.amountMinor ?? null,
    currency: price?.currency ?? null,
    version,
  });
}
