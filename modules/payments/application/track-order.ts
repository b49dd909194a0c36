import type { Knex } from 'knex';
import type { Money } from '../../../src/money/money';
import { advanceOrderStatus, type PayableOrderStatus } from '../domain/payable-order-status';
import { ensureAndLockPayableOrders, lockOrderIdentities, updatePayableOrders } from '../infrastructure/payable-order.repository';
import type { PayableOrder } from '../domain/payable-order';
import { decideHeldPayments, type HeldCharge } from './decide-held-payments';

export interface OrderChange {
  orderId: string;
  customerId: string;
  status: PayableOrderStatus;
  total?: Money;
  /** RFC 3339. */
  paymentDueAt?: string;
  closedReason?: string;
}

export interface TrackedOrders {
  /** The orders as this module now sees them, locked for the caller's transaction, in the changes' order. */
  orders: PayableOrder[];
  /** Held payments that started processing: send them to the provider once the transaction commits. */
  heldCharges: HeldCharge[];
}

/**
 * Moves this module's view of each order forward (never back) and decides the payments held for them, in a fixed
 * number of statements for any number of orders (each named once). The amount to charge is taken only while an
 * order is not yet paid or closed.
 */
export async function trackOrders(trx: Knex.Transaction, changes: readonly OrderChange[]): Promise<TrackedOrders> {
  if (new Set(changes.map((change) => change.orderId)).size !== changes.length) throw new Error('trackOrders takes each order once');
  const ensured = await ensureAndLockPayableOrders(trx, changes.map(({ orderId, customerId, status }) => ({ orderId, customerId, status })));
  // A payment request that found no order may be committing its hold right now: wait for it, so it is seen.
  await lockOrderIdentities(trx, ensured.filter((e) => e.created).map((e) => e.order.orderId));
  const current = new Map(ensured.map((e) => [e.order.orderId, e.order]));
  const saved = await updatePayableOrders(trx, changes.map((change) => advanced(current.get(change.orderId)!, change)));
  const byId = new Map(saved.map((order) => [order.orderId, order]));
  const orders = changes.map(({ orderId }) => byId.get(orderId)!);
  return { orders, heldCharges: await decideHeldPayments(trx, orders, new Date()) };
}

export async function trackOrder(trx: Knex.Transaction, change: OrderChange): Promise<{ order: PayableOrder; heldCharges: HeldCharge[] }> {
  const { orders, heldCharges } = await trackOrders(trx, [change]);
  return { order: orders[0], heldCharges };
}

function advanced(current: PayableOrder, change: OrderChange): PayableOrder {
  const status = advanceOrderStatus(current.status, change.status);
  const takesAmount = change.total && (status === 'PENDING' || status === 'PAYABLE');
  const dueAt = change.paymentDueAt ? new Date(change.paymentDueAt) : undefined;
  return {
    ...current,
    status,
    ...(takesAmount ? { amountCents: change.total!.amountMinor, currency: change.total!.currency } : {}),
    ...(dueAt && !Number.isNaN(dueAt.getTime()) ? { paymentDueAt: dueAt } : {}),
    ...(status === 'CLOSED' && !current.closedReason && change.closedReason ? { closedReason: change.closedReason } : {}),
  };
}
