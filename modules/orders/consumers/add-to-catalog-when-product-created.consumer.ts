import { ProductStream } from '../../../proto/streams';
import { onEvent } from '../../../src/messaging/event-handler';
import { productStateOf, recordProductInCatalog } from '../application/record-product-in-catalog';

export const addToCatalogWhenProductCreated = onEvent(
  ProductStream,
  'productCreated',
  'add-to-catalog-when-product-created',
  async (trx, product) => {
    const state = productStateOf(product);
    // A product is created at version 1; a ProductCreated without a version is its first.
    await recordProductInCatalog(trx, { ...state, version: state.version || 1 });
  },
);
