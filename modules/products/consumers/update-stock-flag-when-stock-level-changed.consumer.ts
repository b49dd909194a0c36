import { StockItemStream } from '../../../proto/streams';
import { onEvents } from '../../../src/messaging/event-handler';
import { recordStockLevels } from '../application/record-stock-levels';

export const updateStockFlagWhenStockLevelChanged = onEvents(
  StockItemStream,
  'stockLevelChanged',
  'update-stock-flag-when-stock-level-changed',
  async (trx, events) => {
    await recordStockLevels(
      trx,
      events.map(({ payload }) => ({ productId: payload.productId ?? '', available: payload.available ?? 0, version: payload.version ?? 0 })),
    );
  },
);
