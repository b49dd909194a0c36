import type { Knex } from 'knex';
import { OrderStream } from '../../../../proto/streams';
import type { EventCause } from '../../../../src/messaging/event-cause';
import { recordEvents } from '../../../../src/messaging/outbox';
import { SYSTEM_ACTOR } from '../../domain/order';
import { lockOrderRows } from '../../infrastructure/order.repository';

export interface RefundMade {
  orderId: string;
  refundId: string;
  /** The return it gave back, if any. */
  returnId: string | undefined;
  amountMinor: number;
  currency: string;
  /** All the payment has refunded so far. */
  totalRefundedMinor: number;
  cause: EventCause;
}

/**
 * Payments gave money back: the order keeps what it has refunded in all (the refund cap a preview shows), and a
 * return refunded becomes REFUNDED (ReturnRefunded). A fixed number of statements for the batch.
 */
export async function recordRefunds(trx: Knex.Transaction, refunds: readonly RefundMade[]): Promise<void> {
  await lockOrderRows(trx, refunds.map((r) => r.orderId));
  await trx.raw(
    `update orders o set refunded_cents = greatest(o.refunded_cents, u.total)
       from (select id, max(total) as total from unnest(?::uuid[], ?::bigint[]) as t(id, total) group by id) u
      where o.id = u.id`,
    [refunds.map((r) => r.orderId), refunds.map((r) => r.totalRefundedMinor)],
  );
  const ofReturns = refunds.filter((r) => r.returnId);
  if (ofReturns.length === 0) return;
  const { rows } = await trx.raw<{ rows: Array<{ id: string; order_id: string; customer_id: string }> }>(
    `update returns r set status = 'REFUNDED', refund_id = u.refund_id, refunded_minor = u.amount, updated_at = now()
       from unnest(?::uuid[], ?::uuid[], ?::bigint[]) as u(id, refund_id, amount)
      where r.id = u.id and r.status = 'RECEIVED'
      returning r.id, r.order_id, r.customer_id`,
    [ofReturns.map((r) => r.returnId!), ofReturns.map((r) => r.refundId), ofReturns.map((r) => r.amountMinor)],
  );
  if (rows.length === 0) return;
  await trx('return_history').insert(rows.map((row) => ({ return_id: row.id, status: 'REFUNDED', reason: null, actor: SYSTEM_ACTOR })));
  await recordEvents(
    trx,
    OrderStream,
    rows.map((row) => {
      const refund = ofReturns.find((r) => r.returnId === row.id)!;
      return {
        aggregateId: row.order_id,
        event: 'returnRefunded' as const,
        payload: { returnId: row.id, orderId: row.order_id, customerId: row.customer_id, refundId: refund.refundId, amount: { amountMinor: refund.amountMinor, currency: refund.currency } },
        cause: refund.cause,
      };
    }),
  );
}
