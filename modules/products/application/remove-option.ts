import type { Knex } from 'knex';
import { ProductErrors } from '../domain/products.errors';
import { deleteOption, findOptions, findVariants, removeOptionValue } from '../infrastructure/variant.repository';
import { finishProductEdit, liveVariants, openProductForEdit, variantsUpdated } from './product-edit';
import { viewOf, type ProductView } from './product-view';

/** Removes an option from the product and its variants; refused while it is what tells two live variants apart. */
export async function removeOption(db: Knex, productId: string, optionId: string): Promise<ProductView> {
  return db.transaction(async (trx) => {
    const edit = await openProductForEdit(trx, productId);
    const option = edit.options.find((candidate) => candidate.id === optionId.toLowerCase());
    if (!option) throw ProductErrors.optionNotFound(productId, optionId);
    const valueIds = new Set(option.values.map((value) => value.id));
    const live = liveVariants(edit.variants);
    const remaining = live.map((variant) => variant.optionValueIds.filter((id) => !valueIds.has(id)).join());
    if (new Set(remaining).size < remaining.length) throw ProductErrors.optionInUse(live.map((variant) => variant.id));

    await removeOptionValue(trx, edit.product.id, [...valueIds]);
    await deleteOption(trx, option.id);
    const options = (await findOptions(trx, [edit.product.id])).get(edit.product.id)!;
    const variants = (await findVariants(trx, [edit.product.id])).get(edit.product.id)!;
    await finishProductEdit(trx, edit, variantsUpdated(edit, liveVariants(variants), options));
    return viewOf(trx, { ...edit.product, version: edit.version });
  });
}
