import type { Knex } from 'knex';
import type { MinorUnits } from '../../../src/money/minor-units';
import type { Product, ProductDetails } from '../domain/product';
import { optionValuesOf, type ProductOption, type Variant } from '../domain/variant';
import { findOptions, findVariants } from '../infrastructure/variant.repository';

/** An option as the API shows it: its values carry ids, so a rename keeps the variants that have them. */
export interface OptionView {
  id: string;
  name: string;
  values: Array<{ id: string; value: string }>;
}

/** One option value of a variant, e.g. `{ option: "Size", value: "M" }`. */
export interface VariantOptionValue {
  option: string;
  value: string;
}

/** A variant as the API shows it. */
export interface VariantView {
  id: string;
  sku: string;
  /** One value per option of the product, in the product's option order. */
  options: VariantOptionValue[];
  priceMinor: MinorUnits;
  currency: string;
  /** @isInt */
  weightGrams: number | null;
  /** What the variant is taxed as: standard, reduced or zero (the rates are set per country by the orders module). */
  taxClass: 'standard' | 'reduced' | 'zero';
  archived: boolean;
  inStock: boolean;
}

/**
 * A product as the API shows it. `priceMinor` is its cheapest live variant's price and `inStock` whether any
 * live variant is in stock; `sku` is the SKU the product was created with (its first variant's).
 */
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
  options: OptionView[];
  /** Live variants first, then archived ones (kept because orders and carts may name them). */
  variants: VariantView[];
}

/** The products as the API shows them, their options and variants read in two statements. */
export async function viewsOf(db: Knex | Knex.Transaction, products: readonly Product[]): Promise<ProductView[]> {
  const ids = products.map((product) => product.id);
  const [options, variants] = await Promise.all([findOptions(db, ids), findVariants(db, ids)]);
  return products.map((product) => toProductView(product, options.get(product.id) ?? [], variants.get(product.id) ?? []));
}

export async function viewOf(db: Knex | Knex.Transaction, product: Product): Promise<ProductView> {
  const [view] = await viewsOf(db, [product]);
  return view;
}

export function toProductView(product: Product, options: readonly ProductOption[], variants: readonly Variant[]): ProductView {
  const live = variants.filter((variant) => !variant.archivedAt);
  return {
    id: product.id,
    ...detailsOf(product),
    priceMinor: product.priceCents,
    inStock: product.inStock,
    version: product.version,
    createdAt: product.createdAt.toISOString(),
    updatedAt: product.updatedAt.toISOString(),
    options: options.map((option) => ({ id: option.id, name: option.name, values: option.values.map(({ id, value }) => ({ id, value })) })),
    variants: [...live, ...variants.filter((variant) => variant.archivedAt)].map((variant) => toVariantView(variant, options)),
  };
}

export function toVariantView(variant: Variant, options: readonly ProductOption[]): VariantView {
  return {
    id: variant.id,
    sku: variant.sku,
    options: optionValuesOf(variant, options),
    priceMinor: variant.priceMinor,
    currency: variant.currency,
    weightGrams: variant.weightGrams,
    taxClass: variant.taxClass,
    archived: variant.archivedAt !== null,
    inStock: variant.inStock,
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
