import { ProductStream } from '../../../proto/streams';
import { onEvent } from '../../../src/messaging/event-handler';
import { recordVariantInCatalog, variantStateOf } from '../application/record-variant-in-catalog';

export const updateCatalogWhenVariantUpdated = onEvent(ProductStream, 'variantUpdated', 'update-catalog-when-variant-updated', async (trx, variant) => {
  await recordVariantInCatalog(trx, variantStateOf(variant));
});
