import type { Knex } from 'knex';
import type { Principal } from '../../../src/auth/principal';
import { pageSize, pageSizeProblem } from '../../../src/paging/page-size';
import { isUuid } from '../../../src/validation/uuid';
import type { Order } from '../domain/order';
import type { OrderStatus } from '../domain/order-status';
import { OrderErrors } from '../domain/orders.errors';
import { listOrders as queryOrders } from '../infrastructure/order-list.repository';
import { decodeCursor, encodeCursor } from '../domain/order-cursor';

export interface ListOrdersQuery {
  status?: OrderStatus;
  userId?: string;
  limit?: number;
  cursor?: string;
}

export interface OrderPage {
  items: Order[];
  nextCursor: string | null;
}

/** Customers list their own orders; admins list everyone's, optionally one customer's (`userId`). */
export async function listOrders(db: Knex, caller: Principal, query: ListOrdersQuery): Promise<OrderPage> {
  const limitProblem = pageSizeProblem(query.limit);
  if (limitProblem) throw OrderErrors.invalidFilter(`limit ${limitProblem.message}`, [limitProblem]);
  const limit = pageSize(query.limit);
  if (query.userId !== undefined && !isUuid(query.userId)) {
    throw OrderErrors.invalidFilter('userId must be a UUID', [{ field: 'userId', message: 'is not a UUID' }]);
  }
  if (caller.role !== 'admin' && query.userId !== undefined && query.userId.toLowerCase() !== caller.userId.toLowerCase()) {
    throw OrderErrors.forbiddenFilter();
  }
  const customerId = caller.role === 'admin' ? query.userId?.toLowerCase() : caller.userId;
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  const rows = await queryOrders(db, { customerId, status: query.status }, after, limit + 1);
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
}
