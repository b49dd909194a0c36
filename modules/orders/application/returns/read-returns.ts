import type { Knex } from 'knex';
import type { Principal } from '../../../../src/auth/principal';
import { isVisibleTo } from '../../domain/order-access';
import { OrderErrors } from '../../domain/orders.errors';
import type { OrderReturn, ReturnRefund } from '../../domain/returns/order-return';
import { findOrderWithHistory } from '../../infrastructure/order.repository';
import { findReturn, returnsOf } from '../../infrastructure/return.repository';
import { refundOf } from './receive-return';

export async function listReturns(db: Knex, caller: Principal, orderId: string): Promise<OrderReturn[]> {
  const found = await findOrderWithHistory(db, orderId);
  if (!found || !isVisibleTo(found.order, caller)) throw OrderErrors.notFound(orderId);
  return returnsOf(db, found.order.id);
}

export async function getReturn(db: Knex, caller: Principal, returnId: string): Promise<OrderReturn> {
  const ret = await findReturn(db, returnId);
  if (!ret || !isVisibleTo(ret, caller)) throw OrderErrors.returnNotFound(returnId);
  return ret;
}

export interface RefundPreview extends ReturnRefund {
  /** What the order's payment can still give back (its total less what was refunded so far, as payments last told). */
  refundableMinor: number;
}

/**
 * What the return gives back: once received, what was asked of payments; before, what it will be if every unit
 * asked for comes back (with shipping when `refundShipping`).
 */
export async function previewRefund(db: Knex, caller: Principal, returnId: string, refundShipping: boolean): Promise<RefundPreview> {
  const ret = await getReturn(db, caller, returnId);
  const [found, returns] = await Promise.all([findOrderWithHistory(db, ret.orderId), returnsOf(db, ret.orderId)]);
  const order = found!.order;
  const refund = ret.refund ?? refundOf(order, returns.filter((r) => r.id !== ret.id), ret.lines, refundShipping);
  return { ...refund, refundableMinor: Math.max(0, order.totalCents - order.refundedCents) };
}
