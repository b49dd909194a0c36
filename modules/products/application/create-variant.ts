import type { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { isUniqueViolation } from '../../../src/db/database';
import { ProductErrors } from '../domain/products.errors';
import { optionValuesOf, validateNewVariant, VARIANT_LIMITS, type NewVariantInput } from '../domain/variant';
import { insertVariant } from '../infrastructure/variant.repository';
import { finishProductEdit, liveVariants, openProductForEdit } from './product-edit';
import { productEvent, variantEventDetails } from './product-events';
import { toVariantView, type VariantView } from './product-view';

/**
 * Adds a variant to a product. No two live variants of a product have the same option values: the product's lock
 * serialises concurrent additions, and the database's unique index on (product, option values) of live variants
 * refuses a duplicate whatever path it comes by.
 */
export async function createVariant(db: Knex, productId: string, input: NewVariantInput): Promise<VariantView> {
  let combination: Array<{ option: string; value: string }> = [];
  let sku = '';
  try {
    return await db.transaction(async (trx) => {
      const edit = await openProductForEdit(trx, productId);
      const details = validateNewVariant(input, edit.options, edit.product.currency);
      combination = optionValuesOf(details, edit.options);
      sku = details.sku;
      const live = liveVariants(edit.variants);
      if (live.some((variant) => variant.optionValueIds.join() === details.optionValueIds.join())) throw ProductErrors.variantExists(combination);
      if (live.length >= VARIANT_LIMITS.variants) throw ProductErrors.tooManyVariants(VARIANT_LIMITS.variants);
      const variant = await insertVariant(trx, { id: randomUUID(), productId: edit.product.id, ...details });
      await finishProductEdit(trx, edit, [productEvent(edit.product.id, 'variantCreated', variantEventDetails(edit.product, variant, edit.options, edit.version))]);
      return toVariantView(variant, edit.options);
    });
  } catch (error) {
    if (isUniqueViolation(error, 'variants_live_combination_unique')) throw ProductErrors.variantExists(combination);
    if (isUniqueViolation(error, 'variants_sku_unique')) throw ProductErrors.skuTaken(sku);
    throw error;
  }
}
