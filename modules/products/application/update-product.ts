import type { Knex } from 'knex';
import { ProductStream } from '../../../proto/streams';
import { recordEvents } from '../../../src/messaging/outbox';
import { effectiveChanges, validateProductChanges, type ProductChangesInput } from '../domain/product';
import { ProductErrors } from '../domain/products.errors';
import { lockProduct, updateProductRow } from '../infrastructure/product.repository';
import { findOptions, findVariants, updateVariantRow } from '../infrastructure/variant.repository';
import { eventDetails, productEvent, variantEventDetails } from './product-events';
import { detailsOf, toProductView, type ProductView } from './product-view';

/**
 * Applies a partial change to the version the caller read. A stale version is refused rather than merged,
 * and a change that alters nothing leaves the version (and the event stream) untouched. A price or currency is a
 * variant's: on a product with one live variant it changes that variant; with several, each is priced on its own.
 */
export async function updateProduct(
  db: Knex,
  productId: string,
  input: ProductChangesInput,
  expectedVersion: number,
): Promise<ProductView> {
  const changes = validateProductChanges(input);
  return db.transaction(async (trx) => {
    const current = await lockProduct(trx, productId, { listedOnly: true });
    if (!current) throw ProductErrors.notFound(productId);
    if (current.version !== expectedVersion) throw ProductErrors.versionMismatch(expectedVersion, current.version);
    const options = (await findOptions(trx, [productId])).get(productId)!;
    let variants = (await findVariants(trx, [productId])).get(productId)!;

    const effective = effectiveChanges(detailsOf(current), changes);
    if (Object.keys(effective).length === 0) return toProductView(current, options, variants);

    const live = variants.filter((variant) => !variant.archivedAt);
    const repriced = effective.priceCents !== undefined || effective.currency !== undefined;
    if (repriced && live.length !== 1) throw ProductErrors.priceOnVariants(live.map((variant) => variant.id));

    const version = current.version + 1;
    const updated = await updateProductRow(trx, productId, { ...effective, version, updatedAt: new Date() });
    const events = [productEvent(productId, 'productUpdated', eventDetails(productId, detailsOf(updated), version))];
    if (repriced || effective.name !== undefined) {
      const changedVariants = repriced
        ? [await updateVariantRow(trx, live[0].id, { priceMinor: updated.priceCents, currency: updated.currency })]
        : live;
      variants = variants.map((variant) => changedVariants.find((changed) => changed.id === variant.id) ?? variant);
      for (const variant of changedVariants) {
        events.push(productEvent(productId, 'variantUpdated', variantEventDetails(updated, variant, options, version)));
      }
    }
    await recordEvents(trx, ProductStream, events);
    return toProductView(updated, options, variants);
  });
}
