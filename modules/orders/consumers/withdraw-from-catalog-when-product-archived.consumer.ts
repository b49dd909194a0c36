import { ProductStream } from '../../../proto/streams';
import { onEvent } from '../../../src/messaging/event-handler';
import { fieldsOf } from '../../../src/messaging/event-fields';
import { withdrawProductFromCatalog } from '../application/withdraw-product-from-catalog';

export const withdrawFromCatalogWhenProductArchived = onEvent(
  ProductStream,
  'productArchived',
  'withdraw-from-catalog-when-product-archived',
  async (trx, product) => {
    const fields = fieldsOf(product);
    await withdrawProductFromCatalog(trx, { productId: fields.uuid('productId'), sku: fields.text('sku'), version: fields.count('version') });
  },
);
