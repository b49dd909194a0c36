import type { Knex } from 'knex';
import type { Principal } from '../../../src/auth/principal';
import type { Order } from '../domain/order';
import { requireAdmin } from '../domain/order-access';
import { lockOrder } from '../infrastructure/order.repository';
import { toDelivered } from '../domain/order-transitions';
import { OrderErrors } from '../domain/orders.errors';
import { saveTransition } from './save-transition';

export async function deliverOrder(db: Knex, caller: Principal, orderId: string): Promise<Order> {
  requireAdmin(caller, 'mark orders delivered');
  return db.transaction(async (trx) => {
    const order = await lockOrder(trx, orderId);
    if (!order) throw OrderErrors.notFound(orderId);
    return saveTransition(trx, toDelivered(order, caller.userId, new Date()));
  });
}
