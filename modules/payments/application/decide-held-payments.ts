import type { Knex } from 'knex';
import { decideHeldPayment } from '../domain/held-payment-decision';
import type { PayableOrderModel } from '../infrastructure/payable-order.model';
import { findLivePayment, lockHeldPayments, updatePayment } from '../infrastructure/payment.repository';

/** A held payment moved to PROCESSING in the caller's transaction, to be sent to the provider once it commits. */
export interface HeldCharge {
  paymentId: string;
  amountCents: number;
  currency: string;
  token: string;
}

/**
 * Decides the order's held payments under its row lock, oldest first: each waits, is charged (at most one, and
 * only when nothing else is live for the order) or ends CANCELLED without a charge. The card token leaves the
 * database as the payment starts processing.
 */
export async function decideHeldPayments(trx: Knex.Transaction, order: PayableOrderModel): Promise<HeldCharge[]> {
  const held = await lockHeldPayments(trx, order);
  if (held.length === 0) return [];
  let chargeLive = (await findLivePayment(trx, order.orderId)) !== undefined;
  const now = new Date();
  const charges: HeldCharge[] = [];
  for (const payment of held) {
    const decision = decideHeldPayment(order, chargeLive, now);
    if (decision.action === 'cancel') {
      await updatePayment(trx, payment.id, {
        status: 'CANCELLED',
        cancellationReason: decision.reason,
        paymentMethodToken: null,
        settledAt: now,
        updatedAt: now,
      });
      continue;
    }
    const { amountCents, currency } = order;
    const matched = { customerId: order.customerId, amountCents, currency, updatedAt: now };
    if (decision.action === 'wait') {
      if (payment.status === 'REQUIRES_ORDER' && amountCents !== null) await updatePayment(trx, payment.id, { ...matched, status: 'PENDING' });
      continue;
    }
    if (amountCents === null || currency === null) throw new Error(`order ${order.orderId} awaits payment without an amount`);
    await updatePayment(trx, payment.id, { ...matched, status: 'PROCESSING', paymentMethodToken: null });
    charges.push({ paymentId: payment.id, amountCents, currency, token: payment.paymentMethodToken! });
    chargeLive = true;
  }
  return charges;
}
