import { ProductStream } from '../../../proto/streams';
import { onEvent } from '../../../src/messaging/event-handler';
import { recordProductInCatalog } from '../application/record-product-in-catalog';

export const addToCatalogWhenProductCreated = onEvent(
  ProductStream,
  'productCreated',
  'add-to-catalog-when-product-created',
  async (trx, product, envelope) => {
    await recordProductInCatalog(trx, product, envelope.aggregateId, product.version || 1);
  },
);
