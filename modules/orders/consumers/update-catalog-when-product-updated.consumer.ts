import { ProductStream } from '../../../proto/streams';
import { onEvent } from '../../../src/messaging/event-handler';
import { recordProductInCatalog } from '../application/record-product-in-catalog';

export const updateCatalogWhenProductUpdated = onEvent(
  ProductStream,
  'productUpdated',
  'update-catalog-when-product-updated',
  async (trx, product, envelope) => {
    await recordProductInCatalog(trx, product, envelope.aggregateId, product.version ?? 0);
  },
);
