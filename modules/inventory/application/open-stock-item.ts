import type { Knex } from 'knex';

/** Every new product gets a stock item with nothing on the shelf; a second announcement changes nothing. */
export async function openStockItem(trx: Knex.Transaction, product: { productId: string; sku: string }): Promise<void> {
  await trx('stock_items')
    .insert({ product_id: product.productId.toLowerCase(), sku: product.sku })
    .onConflict('product_id')
    .ignore();
}
