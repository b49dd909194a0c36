import { StockItemStream } from '../../../proto/streams';
import { onEvent } from '../../../src/messaging/event-handler';
import { recordStockLevel } from '../application/record-stock-level';

export const updateStockFlagWhenStockLevelChanged = onEvent(
  StockItemStream,
  'stockLevelChanged',
  'update-stock-flag-when-stock-level-changed',
  async (trx, level) => {
    await recordStockLevel(trx, {
      productId: level.productId ?? '',
      available: level.available ?? 0,
      version: level.version ?? 0,
    });
  },
);
