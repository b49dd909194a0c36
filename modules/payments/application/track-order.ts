import type { Knex } from 'knex';
import type { Money } from '../../../src/messaging/event-money';
import { requiredEventUuid } from '../../../src/messaging/event-fields';
import { advanceOrderStatus, type PayableOrderStatus } from '../domain/payable-order-status';
import { ensureAndLockPayableOrder, lockOrderIdentity, updatePayableOrder } from '../infrastructure/payable-order.repository';
import type { PayableOrderModel } from '../infrastructure/payable-order.model';
import { decideHeldPayments, type HeldCharge } from './decide-held-payments';

/** Ids as an event carries them: a protobuf string field may be empty. */
export interface OrderChange {
  orderId: string | null | undefined;
  customerId: string | null | undefined;
  status: PayableOrderStatus;
  total?: Money;
  paymentDueAt?: string | null;
  closedReason?: string;
}

export interface TrackedOrder {
  /** The order as this module now sees it, locked for the caller's transaction. */
  order: PayableOrderModel;
  /** Held payments that started processing: send them to the provider once the transaction commits. */
  heldCharges: HeldCharge[];
}

/**
 * Moves this module's view of an order forward (never back) and decides the payments held for it.
 * The amount to charge is taken only while the order is not yet paid or closed.
 */
export async function trackOrder(trx: Knex.Transaction, change: OrderChange): Promise<TrackedOrder> {
  const orderId = requiredEventUuid(change.orderId, 'the order id');
  const customerId = requiredEventUuid(change.customerId, 'the customer id');
  const { order: current, created } = await ensureAndLockPayableOrder(trx, { orderId, customerId, status: change.status });
  // A payment request that found no order may be committing its hold right now: wait for it, so it is seen.
  if (created) await lockOrderIdentity(trx, orderId);
  const status = advanceOrderStatus(current.status, change.status);
  const takesAmount = change.total && (status === 'PENDING' || status === 'PAYABLE');
  const dueAt = change.paymentDueAt ? new Date(change.paymentDueAt) : undefined;
  const order = await updatePayableOrder(trx, orderId, {
    status,
    ...(takesAmount ? { amountCents: change.total!.amountMinor, currency: change.total!.currency } : {}),
    ...(dueAt && !Number.isNaN(dueAt.getTime()) ? { paymentDueAt: dueAt } : {}),
    ...(status === 'CLOSED' && !current.closedReason && change.closedReason ? { closedReason: change.closedReason } : {}),
    updatedAt: new Date(),
  });
  return { order, heldCharges: await decideHeldPayments(trx, order) };
}
