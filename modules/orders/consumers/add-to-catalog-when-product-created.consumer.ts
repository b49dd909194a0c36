import { ProductStream } from '../../../proto/streams';
import { onEvent } from '../../../src/messaging/event-handler';
import { applyProductState } from '../infrastructure/catalog-repository';
import { minorUnits } from './event-money';

export const addToCatalogWhenProductCreated = onEvent(
  ProductStream,
  'productCreated',
  'add-to-catalog-when-product-created',
  async (trx, product, envelope) => {
    await applyProductState(trx, {
      productId: product.productId || envelope.aggregateId,
      sku: product.sku ?? '',
      name: product.name ?? '',
      priceCents: minorUnits(product.price?.amountMinor),
      currency: product.price?.currency || null,
      version: product.version || 1,
    });
  },
);
