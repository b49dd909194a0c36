import type { Knex } from 'knex';
import { OrderStream } from '../../../../proto/streams';
import type { Principal } from '../../../../src/auth/principal';
import { recordEvent } from '../../../../src/messaging/outbox';
import { requireAdmin } from '../../domain/order-access';
import { OrderErrors } from '../../domain/orders.errors';
import type { OrderReturn } from '../../domain/returns/order-return';
import { saveReturn } from '../../infrastructure/return.repository';
import { eventReturnLines } from './return-events';
import { lockReturn } from './locked-returns';

/** An admin accepts a requested return: the customer may send the units. */
export async function approveReturn(db: Knex, caller: Principal, returnId: string): Promise<OrderReturn> {
  requireAdmin(caller, 'approve returns');
  return db.transaction(async (trx) => {
    const { order, ret } = await lockReturn(trx, caller, returnId);
    if (ret.status !== 'REQUESTED') throw OrderErrors.returnNotInStatus(ret.id, ret.status, 'approved');
    const now = new Date();
    const approved: OrderReturn = { ...ret, status: 'APPROVED', updatedAt: now };
    await saveReturn(trx, approved, { status: 'APPROVED', reason: null, actor: caller.userId, occurredAt: now });
    await recordEvent(trx, OrderStream, order.id, 'returnApproved', {
      returnId: ret.id,
      orderId: order.id,
      customerId: order.customerId,
      lines: eventReturnLines(order, ret.lines),
    });
    return { ...approved, history: [...ret.history, { status: 'APPROVED', reason: null, actor: caller.userId, occurredAt: now }] };
  });
}

/** An admin refuses a requested return, saying why; its units can be asked for again. */
export async function declineReturn(db: Knex, caller: Principal, returnId: string, reason: string): Promise<OrderReturn> {
  requireAdmin(caller, 'decline returns');
  const why = reason.trim();
  if (why === '') throw OrderErrors.invalidReturn([{ field: 'reason', message: 'Say why the return is declined' }]);
  return db.transaction(async (trx) => {
    const { order, ret } = await lockReturn(trx, caller, returnId);
    if (ret.status !== 'REQUESTED') throw OrderErrors.returnNotInStatus(ret.id, ret.status, 'declined');
    const now = new Date();
    const declined: OrderReturn = { ...ret, status: 'DECLINED', updatedAt: now };
    await saveReturn(trx, declined, { status: 'DECLINED', reason: why, actor: caller.userId, occurredAt: now });
    await recordEvent(trx, OrderStream, order.id, 'returnDeclined', { returnId: ret.id, orderId: order.id, customerId: order.customerId, reason: why });
    return { ...declined, history: [...ret.history, { status: 'DECLINED', reason: why, actor: caller.userId, occurredAt: now }] };
  });
}
