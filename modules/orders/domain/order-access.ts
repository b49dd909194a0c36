import type { Principal } from '../../../src/auth/principal';
import { AuthErrors } from '../../../src/errors/auth.errors';
import type { Order } from './order';

/** Customers see their own orders only; to anyone else another customer's order does not exist. */
export function isVisibleTo(order: Pick<Order, 'customerId'>, caller: Principal): boolean {
  return caller.role === 'admin' || order.customerId === caller.userId;
}

export function requireAdmin(caller: Principal, action: string): void {
  if (caller.role !== 'admin') throw AuthErrors.forbidden(`Only an admin may ${action}`);
}
