import { ProductStream } from '../../../proto/streams';
import { onEvent } from '../../../src/messaging/event-handler';
import { fieldsOf } from '../../../src/messaging/event-fields';
import { openStockItem } from '../application/open-stock-item';

export const openStockItemWhenVariantCreated = onEvent(
  ProductStream,
  'variantCreated',
  'open-stock-item-when-variant-created',
  async (trx, variant) => {
    const fields = fieldsOf(variant);
    await openStockItem(trx, { variantId: fields.uuid('variantId'), productId: fields.uuid('productId'), sku: fields.text('sku') });
  },
);
