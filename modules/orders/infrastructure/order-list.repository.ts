import type { Knex } from 'knex';
import type { Order } from '../domain/order';
import type { NewestFirstPosition } from '../../../src/paging/keyset';
import type { OrderStatus } from '../domain/order-status';
import { OrderModel } from './order.model';
import { toOrder } from './order.repository';

export interface OrderListFilter {
  customerId?: string;
  status?: OrderStatus;
}

/** Newest first; `after` is the last order of the previous page (keyset, stable under inserts). */
export async function listOrders(db: Knex, filter: OrderListFilter, after: NewestFirstPosition | undefined, limit: number): Promise<Order[]> {
  const query = OrderModel.query(db)
    .withGraphFetched('lines')
    .orderBy([
      { column: 'created_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .limit(limit);
  if (filter.customerId) query.where('customer_id', filter.customerId);
  if (filter.status) query.where('status', filter.status);
  if (after) query.whereRaw('(created_at, id) < (?, ?)', after);
  const models = await query;
  return models.map(toOrder);
}
