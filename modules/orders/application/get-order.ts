import type { Knex } from 'knex';
import type { Principal } from '../../../src/auth/principal';
import type { Fulfilment } from '../domain/fulfilment/fulfilment';
import { progressOf, type LineProgress } from '../domain/fulfilment/order-progress';
import type { Order, StatusChange } from '../domain/order';
import { isVisibleTo } from '../domain/order-access';
import { OrderErrors } from '../domain/orders.errors';
import { receivedByVariant } from '../domain/returns/order-return';
import { fulfilmentsOf } from '../infrastructure/fulfilment.repository';
import { findOrderWithHistory } from '../infrastructure/order.repository';
import { returnsOf } from '../infrastructure/return.repository';

/** What GET /orders/{id} adds to an order: its history, its fulfilments and each line's progress. */
export interface OrderDetails {
  history: StatusChange[];
  fulfilments: Fulfilment[];
  progress: LineProgress[];
}

/** An order with its history, its fulfilments and how far each line has gone (fulfilled, shipped, delivered, returned). */
export async function getOrder(db: Knex, caller: Principal, orderId: string): Promise<{ order: Order } & OrderDetails> {
  const found = await findOrderWithHistory(db, orderId);
  if (!found || !isVisibleTo(found.order, caller)) throw OrderErrors.notFound(orderId);
  const { order } = found;
  const [fulfilments, returns] = await Promise.all([fulfilmentsOf(db, order.id), returnsOf(db, order.id)]);
  const returned = receivedByVariant(returns, order.lines.map((l) => l.variantId));
  return { order, history: found.history, fulfilments, progress: progressOf(order, fulfilments, returned) };
}
