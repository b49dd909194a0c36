import type { Knex } from 'knex';
import { ProductStream } from '../../../proto/streams';
import { recordEvent } from '../../../src/messaging/outbox';
import { ProductErrors } from '../domain/products.errors';
import { lockProduct, updateProductRow } from '../infrastructure/product.repository';

/**
 * Takes a product off the shelf: it is no longer listed nor orderable, but its row stays for history.
 * Archiving an archived product changes nothing, so a retried DELETE is harmless.
 */
export async function archiveProduct(db: Knex, productId: string, expectedVersion: number | undefined): Promise<void> {
  await db.transaction(async (trx) => {
    const current = await lockProduct(trx, productId, { listedOnly: false });
    if (!current) throw ProductErrors.notFound(productId);
    if (current.archivedAt) return;
    if (expectedVersion !== undefined && current.version !== expectedVersion) {
      throw ProductErrors.versionMismatch(expectedVersion, current.version);
    }
    const version = current.version + 1;
    const now = new Date();
    await updateProductRow(trx, productId, { archivedAt: now, updatedAt: now, version });
    await recordEvent(trx, ProductStream, productId, 'productArchived', { productId, sku: current.sku, version });
  });
}
