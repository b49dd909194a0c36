import type { Knex } from 'knex';
import { OrderStream } from '../../../proto/streams';
import type { Principal } from '../../../src/auth/principal';
import { recordEvent } from '../../../src/messaging/outbox';
import type { Order } from '../domain/order';
import { requireAdmin } from '../domain/order-access';
import { lockOrder } from '../infrastructure/order.repository';
import { changeOrderStatus } from './change-order-status';
import { OrderErrors } from '../domain/orders.errors';

export async function deliverOrder(db: Knex, caller: Principal, orderId: string): Promise<Order> {
  requireAdmin(caller, 'mark orders delivered');
  return db.transaction(async (trx) => {
    const order = await lockOrder(trx, orderId);
    if (!order) throw OrderErrors.notFound(orderId);
    const delivered = await changeOrderStatus(trx, order, 'DELIVERED', { actor: caller.userId });
    await recordEvent(trx, OrderStream, order.id, 'orderDelivered', { orderId: order.id, customerId: order.customerId });
    return delivered;
  });
}
