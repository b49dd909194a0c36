import type { Knex } from 'knex';
import { ProductStream } from '../../../proto/streams';
import { recordEvents } from '../../../src/messaging/outbox';
import type { Product } from '../domain/product';
import { ProductErrors } from '../domain/products.errors';
import type { ProductOption, Variant } from '../domain/variant';
import { lockProduct, updateProductRow } from '../infrastructure/product.repository';
import { findOptions, findVariants, refreshProductSummary } from '../infrastructure/variant.repository';
import { productEvent, variantEventDetails, type ProductEventRecord } from './product-events';

/** A listed product, locked for a change of its options or variants, as it is now. */
export interface ProductUnderEdit {
  product: Product;
  options: ProductOption[];
  variants: Variant[];
  /** The version the change gives the product: every variant or option change is a change of the product. */
  version: number;
}

/** Locks a listed product (one change of it at a time) and reads its options and variants. */
export async function openProductForEdit(trx: Knex.Transaction, productId: string): Promise<ProductUnderEdit> {
  const product = await lockProduct(trx, productId, { listedOnly: true });
  if (!product) throw ProductErrors.notFound(productId);
  const [options, variants] = await Promise.all([findOptions(trx, [productId]), findVariants(trx, [productId])]);
  return { product, options: options.get(productId)!, variants: variants.get(productId)!, version: product.version + 1 };
}

export function liveVariants(variants: readonly Variant[]): Variant[] {
  return variants.filter((variant) => !variant.archivedAt);
}

export function variantOf(edit: ProductUnderEdit, variantId: string): Variant {
  const variant = edit.variants.find((candidate) => candidate.id === variantId.toLowerCase());
  if (!variant) throw ProductErrors.variantNotFound(edit.product.id, variantId);
  return variant;
}

/** VariantUpdated for each variant, as the product's options now name its values. */
export function variantsUpdated(edit: ProductUnderEdit, variants: readonly Variant[], options: readonly ProductOption[]): ProductEventRecord[] {
  return variants.map((variant) => productEvent(edit.product.id, 'variantUpdated', variantEventDetails(edit.product, variant, options, edit.version)));
}

/** Gives the product its new version, price and stock flag (from its live variants), and records the events. */
export async function finishProductEdit(trx: Knex.Transaction, edit: ProductUnderEdit, events: readonly ProductEventRecord[]): Promise<void> {
  await updateProductRow(trx, edit.product.id, { version: edit.version, updatedAt: new Date() });
  await refreshProductSummary(trx, [edit.product.id]);
  await recordEvents(trx, ProductStream, events);
}
