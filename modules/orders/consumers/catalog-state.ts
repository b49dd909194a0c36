import type { mart } from '../../../proto/streams';
import type { CatalogState } from '../infrastructure/catalog-repository';
import { minorUnits } from './event-money';

/** The product state a ProductCreated or ProductUpdated carries, as the orders module's catalog keeps it. */
export function catalogStateOf(
  product: mart.products.v1.IProductCreated | mart.products.v1.IProductUpdated,
  aggregateId: string,
  version: number,
): CatalogState {
  return {
    productId: product.productId || aggregateId,
    sku: product.sku ?? '',
    name: product.name ?? '',
    priceCents: minorUnits(product.price?.amountMinor),
    currency: product.price?.currency || null,
    version,
  };
}
