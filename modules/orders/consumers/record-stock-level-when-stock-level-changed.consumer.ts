import { StockItemStream } from '../../../proto/streams';
import { onEvents } from '../../../src/messaging/event-handler';
import { requiredEventUuid } from '../../../src/messaging/event-fields';
import { recordStockLevels } from '../application/record-stock-levels';

export const recordStockLevelWhenStockLevelChanged = onEvents(
  StockItemStream,
  'stockLevelChanged',
  'record-stock-level-when-stock-level-changed',
  async (trx, events) => {
    await recordStockLevels(
      trx,
      events.map(({ payload }) => ({
        productId: requiredEventUuid(payload.productId, 'the product id'),
        available: payload.available ?? 0,
        version: payload.version ?? 0,
      })),
    );
  },
);
