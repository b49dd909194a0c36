import type { Knex } from 'knex';
import { ProductStream } from '../../../proto/streams';
import { recordEvent } from '../../../src/messaging/outbox';
import { effectiveChanges, validateProductChanges, type ProductChangesInput } from '../domain/product';
import { ProductErrors } from '../domain/products.errors';
import { lockProduct, updateProductRow } from '../infrastructure/product.repository';
import { detailsOf, eventDetails, toProductView, type ProductView } from './product-view';

/**
 * Applies a partial change to the version the caller read. A stale version is refused rather than merged,
 * and a change that alters nothing leaves the version (and the event stream) untouched.
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

    const effective = effectiveChanges(detailsOf(current), changes);
    if (Object.keys(effective).length === 0) return toProductView(current);

    const version = current.version + 1;
    const updated = await updateProductRow(trx, productId, { ...effective, version, updatedAt: new Date() });
    await recordEvent(trx, ProductStream, productId, 'productUpdated', eventDetails(productId, detailsOf(updated), version));
    return toProductView(updated);
  });
}
