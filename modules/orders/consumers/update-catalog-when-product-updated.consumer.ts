import { ProductStream } from '../../../proto/streams';
import { onEvent } from '../../../src/messaging/event-handler';
import { applyProductState } from '../infrastructure/catalog-repository';
import { catalogStateOf } from './catalog-state';

export const updateCatalogWhenProductUpdated = onEvent(
  ProductStream,
  'productUpdated',
  'update-catalog-when-product-updated',
  async (trx, product, envelope) => {
    await applyProductState(trx, catalogStateOf(product, envelope.aggregateId, product.version ?? 0));
  },
);
