import type { Knex } from 'knex';
import type { Principal } from '../../../../src/auth/principal';
import type { Fulfilment } from '../../domain/fulfilment/fulfilment';
import { requireAdmin } from '../../domain/order-access';
import type { Order } from '../../domain/order';
import { OrderErrors } from '../../domain/orders.errors';
import { OrderFulfilments } from './order-fulfilments';

/** A pending fulfilment is given up: its units are unfulfilled again, reserved wherever they now are. */
export async function cancelFulfilment(db: Knex, caller: Principal, fulfilmentId: string, reason?: string): Promise<{ order: Order; fulfilment: Fulfilment }> {
  requireAdmin(caller, 'cancel fulfilments');
  return db.transaction(async (trx) => {
    const { all, fulfilment } = await OrderFulfilments.lockOf(trx, fulfilmentId);
    if (fulfilment.status !== 'PENDING') throw OrderErrors.fulfilmentNotPending(fulfilment.id, fulfilment.status);
    const cancelled = withdraw(all, fulfilment, reason?.trim() || 'Cancelled by an admin');
    return { order: await all.save(trx, caller.userId), fulfilment: cancelled };
  });
}

export function withdraw(all: OrderFulfilments, fulfilment: Fulfilment, reason: string): Fulfilment {
  const cancelled: Fulfilment = { ...fulfilment, status: 'CANCELLED', reason, cancelledAt: new Date() };
  all.change(cancelled, {
    event: 'fulfilmentCancelled',
    payload: { fulfilmentId: cancelled.id, orderId: all.order.id, customerId: all.order.customerId, reason },
  });
  return cancelled;
}
