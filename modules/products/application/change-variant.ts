import type { Knex } from 'knex';
import { isUniqueViolation } from '../../../src/db/database';
import { ProductErrors } from '../domain/products.errors';
import { optionValuesOf, validateVariantChanges, type VariantChangesInput } from '../domain/variant';
import { updateVariantRow } from '../infrastructure/variant.repository';
import { finishProductEdit, liveVariants, openProductForEdit, variantOf, variantsUpdated } from './product-edit';
import { toVariantView, type VariantView } from './product-view';

/** Changes a live variant's price, weight, tax class or option values; its SKU is fixed (another SKU is another variant). */
export async function changeVariant(db: Knex, productId: string, variantId: string, input: VariantChangesInput): Promise<VariantView> {
  let combination: Array<{ option: string; value: string }> = [];
  try {
    return await db.transaction(async (trx) => {
      const edit = await openProductForEdit(trx, productId);
      const current = variantOf(edit, variantId);
      if (current.archivedAt) throw ProductErrors.variantNotFound(productId, variantId);
      const changes = validateVariantChanges(input, edit.options);
      if (changes.optionValueIds) {
        combination = optionValuesOf({ optionValueIds: changes.optionValueIds }, edit.options);
        const clash = liveVariants(edit.variants).some((v) => v.id !== current.id && v.optionValueIds.join() === changes.optionValueIds!.join());
        if (clash) throw ProductErrors.variantExists(combination);
      }
      const unchanged =
        (changes.priceMinor === undefined || changes.priceMinor === current.priceMinor) &&
        (changes.weightGrams === undefined || changes.weightGrams === current.weightGrams) &&
        (changes.taxClass === undefined || changes.taxClass === current.taxClass) &&
        (changes.optionValueIds === undefined || changes.optionValueIds.join() === current.optionValueIds.join());
      if (unchanged) return toVariantView(current, edit.options);
      const variant = await updateVariantRow(trx, current.id, changes);
      await finishProductEdit(trx, edit, variantsUpdated(edit, [variant], edit.options));
      return toVariantView(variant, edit.options);
    });
  } catch (error) {
    if (isUniqueViolation(error, 'variants_live_combination_unique')) throw ProductErrors.variantExists(combination);
    throw error;
  }
}
