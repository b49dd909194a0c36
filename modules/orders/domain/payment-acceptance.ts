import type { Money } from '../../../src/money/money';
import type { Order } from './order';
import { isTerminal } from './order-status';

export interface SucceededPayment {
  paymentId: string;
  amount: Money;
}

/** What an order does with a payment that succeeded for it. */
export type PaymentAcceptance =
  | { action: 'ignore'; why: 'unknown order' | 'payment already applied' }
  /** The order has ended (expired, cancelled, rejected): it stays so, and this payment is refunded. */
  | { action: 'refund'; why: string }
  /** A second payment of a paid or delivered order: refunding it automatically could refund the wrong one. */
  | { action: 'manual refund'; why: string }
  /** Charged a different amount or currency than the order's total: cancel the order and refund. */
  | { action: 'cancel for wrong amount'; why: string }
  | { action: 'mark paid' }
  /** Stock is not yet reserved: keep the payment until the reservation settles (paid then, refunded if rejected). */
  | { action: 'hold' };

type OrderForPayment = Pick<Order, 'status' | 'paymentId' | 'totalCents' | 'currency'>;

export function decidePaymentAcceptance(order: OrderForPayment | undefined, payment: SucceededPayment): PaymentAcceptance {
  if (!order) return { action: 'ignore', why: 'unknown order' };
  if (order.paymentId === payment.paymentId) return { action: 'ignore', why: 'payment already applied' };
  if (isTerminal(order.status) && order.status !== 'DELIVERED') return { action: 'refund', why: `the order is ${order.status}` };
  if (order.paymentId !== null || order.status === 'DELIVERED') {
    return { action: 'manual refund', why: `payment ${payment.paymentId} duplicates payment ${order.paymentId}` };
  }
  if (payment.amount.amountMinor !== order.totalCents || payment.amount.currency !== order.currency) {
    const charged = `${payment.amount.amountMinor} ${payment.amount.currency}`;
    return { action: 'cancel for wrong amount', why: `charged ${charged} for a total of ${order.totalCents} ${order.currency}` };
  }
  if (order.status === 'AWAITING_PAYMENT') return { action: 'mark paid' };
  return { action: 'hold' };
}
