import { ProductStream } from '../../../proto/streams';
import { onEvent } from '../../../src/messaging/event-handler';
import { recordVariantInCatalog, variantStateOf } from '../application/record-variant-in-catalog';

export const addToCatalogWhenVariantCreated = onEvent(ProductStream, 'variantCreated', 'add-to-catalog-when-variant-created', async (trx, variant) => {
  await recordVariantInCatalog(trx, variantStateOf(variant));
});
