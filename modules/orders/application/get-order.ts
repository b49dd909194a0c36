import type { Knex } from 'knex';
import type { Principal } from '../../../src/auth/principal';
import type { Order, StatusChange } from '../domain/order';
import { isVisibleTo } from '../domain/order-access';
import { OrderErrors } from '../domain/orders.errors';
import { findOrderWithHistory } from '../infrastructure/order.repository';

export async function getOrder(db: Knex, caller: Principal, orderId: string): Promise<{ order: Order; history: StatusChange[] }> {
  const found = await findOrderWithHistory(db, orderId);
  if (!found || !isVisibleTo(found.order, caller)) throw OrderErrors.notFound(orderId);
  return found;
}
