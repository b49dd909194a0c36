import { ProductStream } from '../../../proto/streams';
import { onEvent } from '../../../src/messaging/event-handler';
import { isUuid } from '../../../src/validation/uuid';
import { openStockItem } from '../application/open-stock-item';
import { InventoryErrors } from '../domain/inventory.errors';

export const openStockItemWhenProductCreated = onEvent(
  ProductStream,
  'productCreated',
  'open-stock-item-when-product-created',
  async (trx, product) => {
    const productId = product.productId ?? '';
    if (!isUuid(productId)) throw InventoryErrors.malformedEvent(`product id "${productId}"`);
    await openStockItem(trx, { productId, sku: product.sku ?? '' });
  },
);
