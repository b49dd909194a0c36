import type { Knex } from 'knex';
import type { Principal } from '../../../../src/auth/principal';
import type { Order } from '../../domain/order';
import { isVisibleTo } from '../../domain/order-access';
import { OrderErrors } from '../../domain/orders.errors';
import type { OrderReturn } from '../../domain/returns/order-return';
import { lockOrder } from '../../infrastructure/order.repository';
import { findReturn, returnsOf } from '../../infrastructure/return.repository';

/**
 * An order locked with its returns: every change to a return is made under its order's row lock, so units are never
 * returned twice however many requests race. To a customer, another customer's order and returns do not exist.
 */
export async function lockOrderReturns(trx: Knex.Transaction, caller: Principal, orderId: string): Promise<{ order: Order; returns: OrderReturn[] }> {
  const order = await lockOrder(trx, orderId);
  if (!order || !isVisibleTo(order, caller)) throw OrderErrors.notFound(orderId);
  return { order, returns: await returnsOf(trx, order.id) };
}

/** A return, its order locked, with the order's other returns. */
export async function lockReturn(trx: Knex.Transaction, caller: Principal, returnId: string): Promise<{ order: Order; returns: OrderReturn[]; ret: OrderReturn }> {
  const found = await findReturn(trx, returnId);
  if (!found || !isVisibleTo(found, caller)) throw OrderErrors.returnNotFound(returnId);
  const { order, returns } = await lockOrderReturns(trx, caller, found.orderId);
  return { order, returns, ret: returns.find((r) => r.id === found.id)! };
}
