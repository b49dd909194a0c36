import { StockItemStream } from '../../../proto/streams';
import { onEvents } from '../../../src/messaging/event-handler';
import { fieldsOf } from '../../../src/messaging/event-fields';
import { recordStockLevels } from '../application/record-stock-levels';

export const recordStockLevelWhenStockLevelChanged = onEvents(
  StockItemStream,
  'stockLevelChanged',
  'record-stock-level-when-stock-level-changed',
  async (trx, events) => {
    await recordStockLevels(
      trx,
      events.map(({ payload }) => {
        const fields = fieldsOf(payload);
        // Levels from before variants name only the product, whose default variant has the product's id.
        return {
          variantId: fields.optionalUuid('variantId') ?? fields.uuid('productId'),
          available: fields.integer('available'),
          locations: fields.list('locations', (level) => ({ locationId: level.uuid('locationId'), available: level.integer('available') })),
          version: fields.count('version'),
        };
      }),
    );
  },
);
