import { ProductStream } from '../../../proto/streams';
import { onEvent } from '../../../src/messaging/event-handler';
import { fieldsOf } from '../../../src/messaging/event-fields';
import { withdrawVariantFromCatalog } from '../application/record-variant-in-catalog';

export const withdrawFromCatalogWhenVariantArchived = onEvent(
  ProductStream,
  'variantArchived',
  'withdraw-from-catalog-when-variant-archived',
  async (trx, variant) => {
    const fields = fieldsOf(variant);
    await withdrawVariantFromCatalog(trx, {
      variantId: fields.uuid('variantId'),
      productId: fields.uuid('productId'),
      sku: fields.text('sku'),
      version: fields.count('version'),
    });
  },
);
