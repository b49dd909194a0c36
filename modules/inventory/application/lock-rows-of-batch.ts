import type { Knex } from 'knex';
import type { Envelope } from '../../../proto/streams';
import { isUuid } from '../../../src/validation/uuid';
import { lockReservations } from '../infrastructure/reservation.repository';
import { lockStockItems } from '../infrastructure/stock-item.repository';

interface OrderEventFields {
  orderId?: string | null;
  lines?: Array<{ productId?: string | null }> | null;
}

/**
 * Locks, for a consumer batch, the reservations of every order its events name and then, in product-id order, the
 * stock rows of every product they name. Batches of several partitions then take the shared stock rows in one
 * global order and never deadlock; the handlers find their rows already locked and read them without a query.
 */
export async function lockRowsOfBatch(trx: Knex.Transaction, envelopes: readonly Envelope[]): Promise<void> {
  const orderIds = new Set<string>();
  const productIds = new Set<string>();
  for (const envelope of envelopes) {
    const event = envelope.event ? ((envelope as unknown as Record<string, OrderEventFields | undefined>)[envelope.event] ?? {}) : {};
    // Ids as the handlers use them (lower-cased); a malformed one is left to its handler to dead-letter.
    if (isUuid(event.orderId)) orderIds.add(event.orderId.toLowerCase());
    for (const line of event.lines ?? []) if (isUuid(line.productId)) productIds.add(line.productId.toLowerCase());
  }
  await lockReservations(trx, [...orderIds]);
  await lockStockItems(trx, [...productIds]);
}
