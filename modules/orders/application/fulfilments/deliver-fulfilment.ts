import type { Knex } from 'knex';
import type { Principal } from '../../../../src/auth/principal';
import type { Fulfilment } from '../../domain/fulfilment/fulfilment';
import { requireAdmin } from '../../domain/order-access';
import type { Order } from '../../domain/order';
import { OrderErrors } from '../../domain/orders.errors';
import { eventItems } from './fulfilment-events';
import { OrderFulfilments } from './order-fulfilments';

export async function deliverFulfilment(db: Knex, caller: Principal, fulfilmentId: string): Promise<{ order: Order; fulfilment: Fulfilment }> {
  requireAdmin(caller, 'mark orders delivered');
  return db.transaction(async (trx) => {
    const { all, fulfilment } = await OrderFulfilments.lockOf(trx, fulfilmentId);
    const delivered = deliver(all, fulfilment);
    return { order: await all.save(trx, caller.userId), fulfilment: delivered };
  });
}

export function deliver(all: OrderFulfilments, fulfilment: Fulfilment): Fulfilment {
  if (fulfilment.status !== 'SHIPPED') throw OrderErrors.fulfilmentNotShipped(fulfilment.id, fulfilment.status);
  const { order } = all;
  const delivered: Fulfilment = { ...fulfilment, status: 'DELIVERED', deliveredAt: new Date() };
  all.change(delivered, {
    event: 'fulfilmentDelivered',
    payload: {
      fulfilmentId: delivered.id,
      orderId: order.id,
      customerId: order.customerId,
      lines: eventItems(order, delivered.lines),
      carrier: delivered.tracking?.carrier ?? '',
      trackingNumber: delivered.tracking?.trackingNumber ?? '',
    },
  });
  return delivered;
}
