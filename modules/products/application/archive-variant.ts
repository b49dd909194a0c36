import type { Knex } from 'knex';
import { ProductErrors } from '../domain/products.errors';
import { updateVariantRow } from '../infrastructure/variant.repository';
import { finishProductEdit, liveVariants, openProductForEdit, variantOf } from './product-edit';
import { productEvent } from './product-events';

/**
 * Archives a variant: it can no longer be added to a cart or ordered, and its combination is free for a new one.
 * Its row stays, since orders and carts may name it. Archiving it again changes nothing; the last live variant of
 * a listed product cannot be archived (archive the product).
 */
export async function archiveVariant(db: Knex, productId: string, variantId: string): Promise<void> {
  await db.transaction(async (trx) => {
    const edit = await openProductForEdit(trx, productId);
    const variant = variantOf(edit, variantId);
    if (variant.archivedAt) return;
    if (liveVariants(edit.variants).length === 1) throw ProductErrors.lastVariant();
    await updateVariantRow(trx, variant.id, { archivedAt: new Date() });
    await finishProductEdit(trx, edit, [
      productEvent(edit.product.id, 'variantArchived', { productId: edit.product.id, variantId: variant.id, sku: variant.sku, version: edit.version }),
    ]);
  });
}
