import type { Knex } from 'knex';
import type { Principal } from '../../../src/auth/principal';
import type { Order } from '../domain/order';
import { requireAdmin } from '../domain/order-access';
import { OrderErrors } from '../domain/orders.errors';
import { deliver } from './fulfilments/deliver-fulfilment';
import { OrderFulfilments } from './fulfilments/order-fulfilments';

/** Marks every shipment of a fully shipped order delivered. */
export async function deliverOrder(db: Knex, caller: Principal, orderId: string): Promise<Order> {
  requireAdmin(caller, 'mark orders delivered');
  return db.transaction(async (trx) => {
    const all = await OrderFulfilments.lock(trx, orderId);
    if (all.order.status === 'PARTIALLY_SHIPPED') throw OrderErrors.notAllShipped(all.order.id);
    if (all.order.status !== 'SHIPPED') throw OrderErrors.illegalTransition(all.order.status, 'DELIVERED');
    for (const fulfilment of all.fulfilments.filter((f) => f.status === 'SHIPPED')) deliver(all, fulfilment);
    return all.save(trx, caller.userId);
  });
}
