import { ProductStream } from '../../../proto/streams';
import { onEvent } from '../../../src/messaging/event-handler';
import { productStateOf, recordProductInCatalog } from '../application/record-product-in-catalog';

export const updateCatalogWhenProductUpdated = onEvent(
  ProductStream,
  'productUpdated',
  'update-catalog-when-product-updated',
  async (trx, product) => {
    await recordProductInCatalog(trx, productStateOf(product));
  },
);
