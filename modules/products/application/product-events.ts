import type { EventCase, EventPayload, mart } from '../../../proto/streams';
import type { EventToRecord } from '../../../src/messaging/outbox';
import type { Product, ProductDetails } from '../domain/product';
import { optionValuesOf, type ProductOption, type Variant } from '../domain/variant';

type ProductEvent = mart.products.v1.ProductEvent;
export type ProductEventRecord = EventToRecord<ProductEvent, EventCase<ProductEvent>>;

/** One event of the product's stream, ready for `recordEvents`. */
export function productEvent<K extends EventCase<ProductEvent>>(productId: string, event: K, payload: EventPayload<ProductEvent, K>): ProductEventRecord {
  return { aggregateId: productId, event, payload } as ProductEventRecord;
}

/** The product's state as its events carry it (proto has no null: an absent image is ''). */
export function eventDetails(productId: string, details: ProductDetails, version: number) {
  return {
    productId,
    sku: details.sku,
    name: details.name,
    description: details.description,
    price: { amountMinor: details.priceCents, currency: details.currency },
    category: details.category,
    imageUrl: details.imageUrl ?? '',
    version,
  };
}

/** A variant's state as VariantCreated and VariantUpdated carry it. */
export function variantEventDetails(product: Pick<Product, 'id' | 'name'>, variant: Variant, options: readonly ProductOption[], version: number) {
  return {
    productId: product.id,
    variantId: variant.id,
    sku: variant.sku,
    options: optionValuesOf(variant, options),
    price: { amountMinor: variant.priceMinor, currency: variant.currency },
    weightGrams: variant.weightGrams,
    taxClass: variant.taxClass,
    productName: product.name,
    version,
  };
}
