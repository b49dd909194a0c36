import type { Knex } from 'knex';
import type { Money } from '../../../src/messaging/event-money';
import { requiredEventUuid } from '../../../src/messaging/event-fields';
import { advanceOrderStatus, type PayableOrderStatus } from '../domain/payable-order-status';
import { ensurePayableOrder, lockPayableOrder, updatePayableOrder } from '../infrastructure/payable-order.repository';
import type { PayableOrderModel } from '../infrastructure/payable-order.model';

/** Ids as an event carries them: a protobuf string field may be empty. */
export interface OrderChange {
  orderId: string | null | undefined;
  customerId: string | null | undefined;
  status: PayableOrderStatus;
  total?: Money;
  paymentDueAt?: string | null;
}

/**
 * Moves this module's view of an order forward (never back) and returns it locked for the caller's transaction.
 * The amount to charge is taken only while the order is not yet paid or closed.
 */
export async function trackOrder(trx: Knex.Transaction, change: OrderChange): Promise<PayableOrderModel> {
  const orderId = requiredEventUuid(change.orderId, 'the order id');
  const customerId = requiredEventUuid(change.customerId, 'the customer id');
  await ensurePayableOrder(trx, { orderId, customerId, status: change.status });
  const order = (await lockPayableOrder(trx, orderId))!;
  const status = advanceOrderStatus(order.status, change.status);
  const takesAmount = change.total && (status === 'PENDING' || status === 'PAYABLE');
  const dueAt = change.paymentDueAt ? new Date(change.paymentDueAt) : undefined;
  return updatePayableOrder(trx, orderId, {
    status,
    ...(takesAmount ? { amountCents: change.total!.amountMinor, currency: change.total!.currency } : {}),
    ...(dueAt && !Number.isNaN(dueAt.getTime()) ? { paymentDueAt: dueAt } : {}),
    updatedAt: new Date(),
  });
}
