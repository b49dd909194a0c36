import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { OrderStream } from '../../../../proto/streams';
import type { Principal } from '../../../../src/auth/principal';
import { recordEvent } from '../../../../src/messaging/outbox';
import type { OrderReturn } from '../../domain/returns/order-return';
import { checkReturnRequest, type ReturnRequestLine } from '../../domain/returns/return-rules';
import { fulfilmentsOf } from '../../infrastructure/fulfilment.repository';
import { insertReturn } from '../../infrastructure/return.repository';
import { eventReturnLines } from './return-events';
import { lockOrderReturns } from './locked-returns';

/** The customer (or an admin for them) asks to send delivered units back: the return waits for an admin's decision. */
export async function requestReturn(db: Knex, caller: Principal, orderId: string, lines: ReturnRequestLine[], windowDays: number): Promise<OrderReturn> {
  return db.transaction(async (trx) => {
    const { order, returns } = await lockOrderReturns(trx, caller, orderId);
    const now = new Date();
    const checked = checkReturnRequest(order, await fulfilmentsOf(trx, order.id), returns, lines, now, windowDays);
    const ret: OrderReturn = {
      id: randomUUID(),
      orderId: order.id,
      customerId: order.customerId,
      status: 'REQUESTED',
      lines: checked,
      refundShipping: false,
      refund: null,
      refundId: null,
      refundedMinor: null,
      history: [{ status: 'REQUESTED', reason: null, actor: caller.userId, occurredAt: now }],
      createdAt: now,
      updatedAt: now,
    };
    await insertReturn(trx, ret);
    await recordEvent(trx, OrderStream, order.id, 'returnRequested', {
      returnId: ret.id,
      orderId: order.id,
      customerId: order.customerId,
      lines: eventReturnLines(order, ret.lines),
    });
    return ret;
  });
}
