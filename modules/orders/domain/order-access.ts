import type { Principal } from '../../../src/auth/access-tokens';
import { forbidden } from '../../../src/errors/domain-error';
import type { Order } from './order';

/** Customers see their own orders only; to anyone else another customer's order does not exist. */
export function isVisibleTo(order: Pick<Order, 'customerId'>, caller: Principal): boolean {
  return caller.role === 'admin' || order.customerId === caller.userId;
}

export function requireAdmin(caller: Principal, action: string): void {
  if (caller.role !== 'admin') throw forbidden('AUTH.FORBIDDEN', `Only an admin may ${action}`);
}
