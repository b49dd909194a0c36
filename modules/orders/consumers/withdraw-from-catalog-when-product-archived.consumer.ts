import { ProductStream } from '../../../proto/streams';
import { onEvent } from '../../../src/messaging/event-handler';
import { withdrawProductFromCatalog } from '../application/withdraw-product-from-catalog';

export const withdrawFromCatalogWhenProductArchived = onEvent(
  ProductStream,
  'productArchived',
  'withdraw-from-catalog-when-product-archived',
  async (trx, product, envelope) => {
    await withdrawProductFromCatalog(trx, { productId: product.productId || envelope.aggregateId, sku: product.sku ?? '', version: product.version ?? 0 });
  },
);
