import type { Knex } from 'knex';
import type { Principal } from '../../../src/auth/principal';
import { Keyset, NEWEST_FIRST, type Page } from '../../../src/paging/keyset';
import { pageSize, pageSizeProblem } from '../../../src/paging/page-size';
import { isUuid } from '../../../src/validation/uuid';
import type { Order } from '../domain/order';
import type { OrderStatus } from '../domain/order-status';
import { OrderErrors } from '../domain/orders.errors';
import { listOrders as queryOrders } from '../infrastructure/order-list.repository';

export interface ListOrdersQuery {
  status?: OrderStatus;
  userId?: string;
  limit?: number;
  cursor?: string;
}

const ORDERS = new Keyset('orders', NEWEST_FIRST);

/** Customers list their own orders; admins list everyone's, optionally one customer's (`userId`). */
export async function listOrders(db: Knex, caller: Principal, query: ListOrdersQuery): Promise<Page<Order>> {
  const limitProblem = pageSizeProblem(query.limit);
  if (limitProblem) throw OrderErrors.invalidFilter(`limit ${limitProblem.message}`, [limitProblem]);
  if (query.userId !== undefined && !isUuid(query.userId)) {
    throw OrderErrors.invalidFilter('userId must be a UUID', [{ field: 'userId', message: 'is not a UUID' }]);
  }
  if (caller.role !== 'admin' && query.userId !== undefined && query.userId.toLowerCase() !== caller.userId.toLowerCase()) {
    throw OrderErrors.forbiddenFilter();
  }
  const customerId = caller.role === 'admin' ? query.userId?.toLowerCase() : caller.userId;
  const after = ORDERS.after(query.cursor, OrderErrors.invalidCursor);
  return ORDERS.page(
    pageSize(query.limit),
    (rows) => queryOrders(db, { customerId, status: query.status }, after, rows),
    (order) => [order.createdAt, order.id],
  );
}
