import type { Knex } from 'knex';
import { openStockItem as insertStockItemIfNew } from '../infrastructure/stock-item.repository';

/** Every new variant gets a stock item with nothing on any shelf; a second announcement changes nothing. */
export async function openStockItem(trx: Knex.Transaction, variant: { variantId: string; productId: string; sku: string }): Promise<void> {
  await insertStockItemIfNew(trx, { variantId: variant.variantId.toLowerCase(), productId: variant.productId.toLowerCase(), sku: variant.sku });
}
