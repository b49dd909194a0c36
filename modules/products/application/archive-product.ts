import type { Knex } from 'knex';
import { ProductStream } from '../../../proto/streams';
import { recordEvent } from '../../../src/messaging/outbox';
import { ProductErrors } from '../domain/products.errors';
import { PRODUCT_COLUMNS, ProductModel } from '../infrastructure/product.model';

/**
 * Takes a product off the shelf: it is no longer listed nor orderable, but its row stays for history.
 * Archiving an archived product changes nothing, so a retried DELETE is harmless.
 */
export async function archiveProduct(db: Knex, productId: string, expectedVersion: number | undefined): Promise<void> {
  await db.transaction(async (trx) => {
    const current = await ProductModel.query(trx).select(PRODUCT_COLUMNS).findById(productId).forUpdate();
    if (!current) throw ProductErrors.notFound(productId);
    if (current.archivedAt) return;
    if (expectedVersion !== undefined && current.version !== expectedVersion) {
      throw ProductErrors.versionMismatch(expectedVersion, current.version);
    }
    const version = current.version + 1;
    const now = new Date();
    await ProductModel.query(trx).patch({ archivedAt: now, updatedAt: now, version }).where('id', productId);
    await recordEvent(trx, ProductStream, productId, 'productArchived', { productId, sku: current.sku, version });
  });
}
