import type { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { ProductErrors } from '../domain/products.errors';
import { validateOption, VARIANT_LIMITS, type OptionInput } from '../domain/variant';
import { appendOptionValue, findOptions, findVariants, insertOption } from '../infrastructure/variant.repository';
import { finishProductEdit, liveVariants, openProductForEdit, variantsUpdated } from './product-edit';
import { viewOf, type ProductView } from './product-view';

/**
 * Adds an option with its values. The variants the product already has take the option's first value, so a
 * product sold as one SKU can grow sizes: its variant becomes the first size, and the others are added after.
 */
export async function addOption(db: Knex, productId: string, input: OptionInput): Promise<ProductView> {
  return db.transaction(async (trx) => {
    const edit = await openProductForEdit(trx, productId);
    const checked = validateOption(input, edit.options);
    if (edit.options.length >= VARIANT_LIMITS.options) throw ProductErrors.tooManyOptions(VARIANT_LIMITS.options);
    const values = checked.values.map(({ value }) => ({ id: randomUUID(), value }));
    await insertOption(trx, { id: randomUUID(), productId: edit.product.id, name: checked.name, position: edit.options.length, values });
    await appendOptionValue(trx, edit.product.id, values[0].id);
    const options = (await findOptions(trx, [edit.product.id])).get(edit.product.id)!;
    const variants = (await findVariants(trx, [edit.product.id])).get(edit.product.id)!;
    await finishProductEdit(trx, edit, variantsUpdated(edit, liveVariants(variants), options));
    return viewOf(trx, { ...edit.product, version: edit.version });
  });
}
