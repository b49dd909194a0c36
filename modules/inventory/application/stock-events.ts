import type { Knex } from 'knex';
import { StockItemStream } from '../../../proto/streams';
import { recordEvents } from '../../../src/messaging/outbox';
import { available } from '../domain/stock-level';
import { sellable, type StockItem } from '../domain/stock-item';

/** A variant's StockLevelChanged: its totals, what can be sold (active locations), and its level at each location. */
export function stockLevelChanged(item: StockItem) {
  return {
    aggregateId: item.variantId,
    event: 'stockLevelChanged' as const,
    payload: {
      productId: item.productId,
      variantId: item.variantId,
      onHand: item.onHand,
      reserved: item.reserved,
      available: sellable(item),
      version: item.version,
      locations: item.levels.map((level) => ({
        locationId: level.locationId,
        locationCode: level.code,
        onHand: level.onHand,
        reserved: level.reserved,
        available: available(level),
      })),
    },
  };
}

/** Announces the new level of every item a change touched, in the same transaction as the change. */
export async function recordStockLevelsChanged(trx: Knex.Transaction, items: readonly StockItem[]): Promise<void> {
  await recordEvents(trx, StockItemStream, items.map(stockLevelChanged));
}
