import type { Knex } from 'knex';
import { OrderStream } from '../../../../proto/streams';
import type { EventCause } from '../../../../src/messaging/event-cause';
import { recordEvents } from '../../../../src/messaging/outbox';
import type { LineAllocation } from '../../domain/fulfilment/fulfilment';
import { saveAllocations } from '../../infrastructure/fulfilment.repository';
import { lockOrderRows } from '../../infrastructure/order.repository';

export interface MovedAllocation {
  orderId: string;
  fulfilmentId: string;
  lines: Array<{ variantId: string; allocations: LineAllocation[] }>;
}

/** Inventory holds these fulfilments' units at their locations now: they can ship. A fixed number of statements for the batch. */
export async function holdFulfilments(trx: Knex.Transaction, moved: readonly MovedAllocation[]): Promise<void> {
  await lockOrderRows(trx, moved.map((m) => m.orderId));
  await saveAllocations(trx, moved.flatMap(({ orderId, lines }) => lines.map((line) => ({ orderId, ...line }))));
  await trx('fulfilments').whereIn('id', moved.map((m) => m.fulfilmentId)).where('stock', 'MOVING').update({ stock: 'HELD' });
}

export interface RefusedMove {
  orderId: string;
  fulfilmentId: string;
  reason: string;
  cause: EventCause;
}

/**
 * Inventory could not move these fulfilments' units to their locations (the stock went elsewhere meanwhile): each
 * still pending is cancelled (FulfilmentCancelled), its units unfulfilled again where they were reserved.
 */
export async function refuseFulfilments(trx: Knex.Transaction, refused: readonly RefusedMove[]): Promise<void> {
  if (refused.length === 0) return;
  await lockOrderRows(trx, refused.map((r) => r.orderId));
  const { rows } = await trx.raw<{ rows: Array<{ id: string; order_id: string; customer_id: string; reason: string }> }>(
    `update fulfilments f
        set status = 'CANCELLED', stock = 'REFUSED', reason = u.reason, cancelled_at = now()
       from unnest(?::uuid[], ?::text[]) as u(id, reason), orders o
      where f.id = u.id and f.status = 'PENDING' and o.id = f.order_id
      returning f.id, f.order_id, o.customer_id, f.reason`,
    [refused.map((r) => r.fulfilmentId), refused.map((r) => `The stock location could not take the units: ${r.reason}`)],
  );
  await recordEvents(
    trx,
    OrderStream,
    rows.map((row) => ({
      aggregateId: row.order_id,
      event: 'fulfilmentCancelled' as const,
      payload: { fulfilmentId: row.id, orderId: row.order_id, customerId: row.customer_id, reason: row.reason },
      cause: refused.find((r) => r.fulfilmentId === row.id)!.cause,
    })),
  );
}
