import { ProductStream } from '../../../proto/streams';
import { onEvent } from '../../../src/messaging/event-handler';
import { archiveProduct } from '../infrastructure/catalog-repository';

export const withdrawFromCatalogWhenProductArchived = onEvent(
  ProductStream,
  'productArchived',
  'withdraw-from-catalog-when-product-archived',
  async (trx, product, envelope) => {
    await archiveProduct(trx, { productId: product.productId || envelope.aggregateId, sku: product.sku ?? '', version: product.version ?? 0 });
  },
);
