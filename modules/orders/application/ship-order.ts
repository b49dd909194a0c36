import type { Knex } from 'knex';
import { OrderStream } from '../../../proto/streams';
import type { Principal } from '../../../src/auth/principal';
import { recordEvent } from '../../../src/messaging/outbox';
import type { Order } from '../domain/order';
import { requireAdmin } from '../domain/order-access';
import { OrderErrors } from '../domain/orders.errors';
import { lockOrder } from '../infrastructure/order.repository';
import { changeOrderStatus } from './change-order-status';

export async function shipOrder(db: Knex, caller: Principal, orderId: string, trackingNumber: string): Promise<Order> {
  requireAdmin(caller, 'ship orders');
  const tracking = trackingNumber.trim();
  if (tracking === '') {
    throw OrderErrors.trackingNumberRequired();
  }
  return db.transaction(async (trx) => {
    const order = await lockOrder(trx, orderId);
    if (!order) throw OrderErrors.notFound(orderId);
    const shipped = await changeOrderStatus(trx, order, 'SHIPPED', { actor: caller.userId, patch: { trackingNumber: tracking } });
    await recordEvent(trx, OrderStream, order.id, 'orderShipped', {
      orderId: order.id,
      customerId: order.customerId,
      trackingNumber: tracking,
    });
    return shipped;
  });
}
