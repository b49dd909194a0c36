import type { mart } from '../../../proto/streams';
import type { CatalogState } from '../infrastructure/catalog-repository';
import { optionalEventMoney } from '../../../src/messaging/event-money';

/** The product state a ProductCreated or ProductUpdated carries, as the orders module's catalog keeps it. */
export function catalogStateOf(
  product: mart.products.v1.IProductCreated | mart.products.v1.IProductUpdated,
  aggregateId: string,
  version: number,
): CatalogState {
  const price = optionalEventMoney(product.price, 'the product price');
  return {
    productId: product.productId || aggregateId,
    sku: product.sku ?? '',
    name: product.name ?? '',
    priceCents: price?.amountMinor ?? null,
    currency: price?.currency ?? null,
    version,
  };
}
