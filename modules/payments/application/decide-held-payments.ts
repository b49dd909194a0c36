import type { Knex } from 'knex';
import { decideHeldPayment } from '../domain/held-payment-decision';
import type { PayableOrder } from '../domain/payable-order';
import { findOrdersWithLivePayment, lockHeldPaymentsOf, updateHeldPayments } from '../infrastructure/payment.repository';
import type { HeldPayment } from '../domain/payment';

/** A held payment moved to PROCESSING in the caller's transaction, to be sent to the provider once it commits. */
export interface HeldCharge {
  orderId: string;
  paymentId: string;
  amountCents: number;
  currency: string;
  token: string;
}

/**
 * Decides the held payments of these orders (locked by the caller) under their row locks, each order's oldest first:
 * each waits, is charged (at most one per order, and only when nothing else is live for it) or ends CANCELLED
 * without a charge. The card token leaves the database as the payment starts processing. Three statements for any
 * number of orders: the held payments, the orders with a live charge, the changes.
 */
export async function decideHeldPayments(trx: Knex.Transaction, orders: readonly PayableOrder[], now: Date): Promise<HeldCharge[]> {
  const held = await lockHeldPaymentsOf(trx, orders);
  if (held.length === 0) return [];
  const live = await findOrdersWithLivePayment(trx, [...new Set(held.map((payment) => payment.orderId))]);
  const byId = new Map(orders.map((order) => [order.orderId, order]));
  const changed: HeldPayment[] = [];
  const charges: HeldCharge[] = [];
  for (const payment of held) {
    const order = byId.get(payment.orderId)!;
    const decision = decideHeldPayment(order, live.has(order.orderId), now);
    if (decision.action === 'cancel') {
      changed.push({ ...payment, status: 'CANCELLED', cancellationReason: decision.reason, paymentMethodToken: null, settledAt: now });
      continue;
    }
    const { amountCents, currency } = order;
    const matched = { customerId: order.customerId, amountCents, currency };
    if (decision.action === 'wait') {
      if (payment.status === 'REQUIRES_ORDER' && amountCents !== null) changed.push({ ...payment, ...matched, status: 'PENDING' });
      continue;
    }
    if (amountCents === null || currency === null) throw new Error(`order ${order.orderId} awaits payment without an amount`);
    changed.push({ ...payment, ...matched, status: 'PROCESSING', paymentMethodToken: null });
    charges.push({ orderId: order.orderId, paymentId: payment.id, amountCents, currency, token: payment.paymentMethodToken! });
    live.add(order.orderId);
  }
  await updateHeldPayments(trx, changed);
  return charges;
}
