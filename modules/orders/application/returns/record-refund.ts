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
  await closeReturns(
    trx,
    refunds.filter((r) => r.returnId).map((r) => ({ returnId: r.returnId!, refundId: r.refundId, amountMinor: r.amountMinor, currency: r.currency, reason: null, cause: r.cause })),
  );
}

export interface RefundNotIssued {
  orderId: string;
  returnId: string;
  reason: string;
  cause: EventCause;
}

/** Payments had nothing to give back for these returns (already refunded in full): each ends REFUNDED with nothing. */
export async function recordRefundsNotIssued(trx: Knex.Transaction, returns: readonly RefundNotIssued[]): Promise<void> {
  await lockOrderRows(trx, returns.map((r) => r.orderId));
  await closeReturns(trx, returns.map((r) => ({ returnId: r.returnId, refundId: null, amountMinor: 0, currency: null, reason: r.reason, cause: r.cause })));
}

interface ReturnClosed {
  returnId: string;
  refundId: string | null;
  amountMinor: number;
  /** Null: the order's currency. */
  currency: string | null;
  reason: string | null;
  cause: EventCause;
}

/** Received returns become REFUNDED with what was given back (ReturnRefunded); others are left as they are. */
async function closeReturns(trx: Knex.Transaction, closed: readonly ReturnClosed[]): Promise<void> {
  if (closed.length === 0) return;
  const { rows } = await trx.raw<{ rows: Array<{ id: string; order_id: string; customer_id: string; currency: string }> }>(
    `update returns r set status = 'REFUNDED', refund_id = u.refund_id, refunded_minor = u.amount, updated_at = now()
       from unnest(?::uuid[], ?::uuid[], ?::bigint[]) as u(id, refund_id, amount), orders o
      where r.id = u.id and r.status = 'RECEIVED' and o.id = r.order_id
      returning r.id, r.order_id, r.customer_id, o.currency`,
    [closed.map((c) => c.returnId), closed.map((c) => c.refundId), closed.map((c) => c.amountMinor)] as unknown as Knex.RawBinding[],
  );
  if (rows.length === 0) return;
  const of = (returnId: string) => closed.find((c) => c.returnId === returnId)!;
  await trx('return_history').insert(rows.map((row) => ({ return_id: row.id, status: 'REFUNDED', reason: of(row.id).reason, actor: SYSTEM_ACTOR })));
  await recordEvents(
    trx,
    OrderStream,
    rows.map((row) => {
      const close = of(row.id);
      return {
        aggregateId: row.order_id,
        event: 'returnRefunded' as const,
        payload: {
          returnId: row.id,
          orderId: row.order_id,
          customerId: row.customer_id,
          refundId: close.refundId ?? '',
          amount: { amountMinor: close.amountMinor, currency: close.currency ?? row.currency },
        },
        cause: close.cause,
      };
    }),
  );
}
