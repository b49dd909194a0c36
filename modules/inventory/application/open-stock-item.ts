import type { Knex } from 'knex';
import { openStockItem as insertStockItemIfNew } from '../infrastructure/stock-item.repository';

/** Every new product gets a stock item with nothing on the shelf; a second announcement changes nothing. */
export async function openStockItem(trx: Knex.Transaction, product: { productId: string; sku: string }): Promise<void> {
  await insertStockItemIfNew(trx, { productId: product.productId.toLowerCase(), sku: product.sku });
}
