import type { MinorUnits } from '../../../src/money/minor-units';
import type { Product, ProductDetails } from '../domain/product';

/** A product as the API shows it. */
export interface ProductView extends ProductDetails {
  id: string;
  priceMinor: MinorUnits;
  /** @deprecated Use `priceMinor`: the same amount, named as in the events. */
  priceCents: MinorUnits;
  inStock: boolean;
  /** @isInt */
  version: number;
  createdAt: string;
  updatedAt: string;
}

export function toProductView(product: Product): ProductView {
  return {
    id: product.id,
    ...detailsOf(product),
    priceMinor: product.priceCents,
    inStock: product.inStock,
    version: product.version,
    createdAt: product.createdAt.toISOString(),
    updatedAt: product.updatedAt.toISOString(),
  };
}

export function detailsOf(product: Product): ProductDetails {
  return {
    sku: product.sku,
    name: product.name,
    description: product.description,
    priceCents: product.priceCents,
    currency: product.currency,
    category: product.category,
    imageUrl: product.imageUrl,
  };
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
