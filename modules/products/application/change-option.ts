import type { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { ProductErrors } from '../domain/products.errors';
import { validateOption, type OptionInput } from '../domain/variant';
import { findOptions, removeOptionValue, replaceOption } from '../infrastructure/variant.repository';
import { finishProductEdit, liveVariants, openProductForEdit, variantsUpdated } from './product-edit';
import { viewOf, type ProductView } from './product-view';

/**
 * Renames an option and sets its values: a value with an id is kept (renamed if its text changed, and its variants
 * show the new text), one without is added, and an existing value left out is removed — refused while a live
 * variant has it, naming those variants.
 */
export async function changeOption(db: Knex, productId: string, optionId: string, input: OptionInput): Promise<ProductView> {
  return db.transaction(async (trx) => {
    const edit = await openProductForEdit(trx, productId);
    const option = edit.options.find((candidate) => candidate.id === optionId.toLowerCase());
    if (!option) throw ProductErrors.optionNotFound(productId, optionId);
    const checked = validateOption(input, edit.options.filter((other) => other.id !== option.id));
    const unknown = checked.values.findIndex((value) => value.id !== undefined && !option.values.some((kept) => kept.id === value.id));
    if (unknown >= 0) throw ProductErrors.invalidOption([{ field: `values.${unknown}.id`, message: `is not a value of the option ${option.name}` }]);

    const removed = option.values.filter((value) => !checked.values.some((kept) => kept.id === value.id));
    const live = liveVariants(edit.variants);
    const users = live.filter((variant) => removed.some((value) => variant.optionValueIds.includes(value.id)));
    if (users.length > 0) {
      const inUse = removed.filter((value) => users.some((variant) => variant.optionValueIds.includes(value.id)));
      throw ProductErrors.optionValuesInUse(inUse.map((value) => value.value), users.map((variant) => variant.id));
    }
    await removeOptionValue(trx, edit.product.id, removed.map((value) => value.id));
    await replaceOption(trx, { id: option.id, name: checked.name, values: checked.values.map((value) => ({ id: value.id ?? randomUUID(), value: value.value })) });

    const options = (await findOptions(trx, [edit.product.id])).get(edit.product.id)!;
    const renamed = checked.name !== option.name;
    const touched = live.filter((variant) =>
      renamed || option.values.some((value) => variant.optionValueIds.includes(value.id) && checked.values.some((kept) => kept.id === value.id && kept.value !== value.value)),
    );
    await finishProductEdit(trx, edit, variantsUpdated(edit, touched, options));
    return viewOf(trx, { ...edit.product, version: edit.version });
  });
}
