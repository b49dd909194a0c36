import { ProductStream } from '../../../proto/streams';
import { onEvent } from '../../../src/messaging/event-handler';
import { applyProductState } from '../infrastructure/catalog-repository';
import { catalogStateOf } from './catalog-state';

export const addToCatalogWhenProductCreated = onEvent(
  ProductStream,
  'productCreated',
  'add-to-catalog-when-product-created',
  async (trx, product, envelope) => {
    await applyProductState(trx, catalogStateOf(product, envelope.aggregateId, product.version || 1));
  },
);
