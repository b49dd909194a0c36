import type { Knex } from 'knex';
import { StockItemStream } from '../../../proto/streams';
import { recordEvents } from '../../../src/messaging/outbox';
import { available } from '../domain/stock-level';
import type { StockItem } from '../domain/stock-item';

/** Announces the new level of every item a change touched, in the same transaction as the change. */
export async function recordStockLevelsChanged(trx: Knex.Transaction, items: readonly StockItem[]): Promise<void> {
  await recordEvents(
    trx,
    StockItemStream,
    items.map((item) => ({
      aggregateId: item.productId,
      event: 'stockLevelChanged' as const,
      payload: {
        productId: item.productId,
        onHand: item.onHand,
        reserved: item.reserved,
        available: available(item),
        version: item.version,
      },
    })),
  );
}
