import { ProductStream } from '../../../proto/streams';
import { onEvent } from '../../../src/messaging/event-handler';
import { requiredEventUuid } from '../../../src/messaging/event-fields';
import { openStockItem } from '../application/open-stock-item';

export const openStockItemWhenProductCreated = onEvent(
  ProductStream,
  'productCreated',
  'open-stock-item-when-product-created',
  async (trx, product) => {
    const productId = requiredEventUuid(product.productId, 'the product id');
    await openStockItem(trx, { productId, sku: product.sku ?? '' });
  },
);
