import type { Knex } from 'knex';
import { archiveProduct } from '../infrastructure/catalog.repository';

/** An archived product can no longer be ordered; orders already placed keep their lines. */
export async function withdrawProductFromCatalog(
  trx: Knex.Transaction,
  product: { productId: string; sku: string; version: number },
): Promise<void> {
  await archiveProduct(trx, product);
}
