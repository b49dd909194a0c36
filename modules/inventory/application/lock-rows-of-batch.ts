import type { Knex } from 'knex';
import type { Envelope } from '../../../proto/streams';
import { isUuid } from '../../../src/validation/uuid';
import { lockStockItems } from '../infrastructure/stock-item.repository';

type LineFields = { variantId?: string | null; productId?: string | null };

interface OrderEventFields {
  lines?: Array<LineFields & { item?: LineFields | null }> | null;
  moves?: LineFields[] | null;
}

/**
 * Locks, for a consumer batch, the stock rows of every variant its events name, in variant-id order. Several
 * partitions' batches then take the shared stock rows in one global order and never deadlock, though each handler
 * of a batch locks its own rows again (they are already held: no wait).
 */
export async function lockRowsOfBatch(trx: Knex.Transaction, envelopes: readonly Envelope[]): Promise<void> {
  const variantIds = new Set<string>();
  for (const envelope of envelopes) {
    const event = envelope.event ? ((envelope as unknown as Record<string, OrderEventFields | undefined>)[envelope.event] ?? {}) : {};
    for (const line of [...(event.lines ?? []).map((l) => l.item ?? l), ...(event.moves ?? [])]) {
      const variantId = line.variantId || line.productId;
      if (isUuid(variantId)) variantIds.add(variantId.toLowerCase());
    }
  }
  await lockStockItems(trx, [...variantIds]);
}
