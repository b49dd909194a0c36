import { ProductStream } from '../../../proto/streams';
import { onEvent } from '../../../src/messaging/event-handler';
import { fieldsOf } from '../../../src/messaging/event-fields';
import { openStockItem } from '../application/open-stock-item';

export const openStockItemWhenProductCreated = onEvent(
  ProductStream,
  'productCreated',
  'open-stock-item-when-product-created',
  async (trx, product) => {
    const fields = fieldsOf(product);
    await openStockItem(trx, { productId: fields.uuid('productId'), sku: fields.text('sku') });
  },
);
