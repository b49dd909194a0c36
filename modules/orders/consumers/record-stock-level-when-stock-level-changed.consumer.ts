import { StockItemStream } from '../../../proto/streams';
import { onEvent } from '../../../src/messaging/event-handler';
import { requiredEventUuid } from '../../../src/messaging/event-fields';
import { recordStockLevel } from '../application/record-stock-level';

export const recordStockLevelWhenStockLevelChanged = onEvent(
  StockItemStream,
  'stockLevelChanged',
  'record-stock-level-when-stock-level-changed',
  async (trx, level) => {
    await recordStockLevel(trx, { productId: requiredEventUuid(level.productId, 'the product id'), available: level.available ?? 0, version: level.version ?? 0 });
  },
);
