import type { Knex } from 'knex';
import type { Envelope } from '../../../proto/streams';
import { lockStockItems } from '../infrastructure/stock-item.repository';

interface WithLines {
  lines?: Array<{ productId?: string | null }> | null;
}

/**
 * Locks, in product-id order, the stock rows of every product the order events of a batch name. Batches of
 * several partitions then take the shared stock rows in one global order and never deadlock; the handlers'
 * own locks on those rows are already held.
 */
export async function lockStockOfBatch(trx: Knex.Transaction, envelopes: readonly Envelope[]): Promise<void> {
  const productIds = new Set<string>();
  for (const envelope of envelopes) {
    const event = envelope.event ? ((envelope as unknown as Record<string, WithLines | undefined>)[envelope.event] ?? {}) : {};
    for (const line of event.lines ?? []) if (line.productId) productIds.add(line.productId);
  }
  await lockStockItems(trx, [...productIds]);
}
