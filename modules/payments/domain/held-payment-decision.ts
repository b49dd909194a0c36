import { canBePaid, type PayableOrderStatus } from './payable-order-status';
import type { CancellationReason } from './payment-status';

export interface OrderAsSeen {
  status: PayableOrderStatus;
  paymentDueAt: Date | null;
  closedReason: string | null;
}

export type HeldPaymentDecision = { action: 'wait' } | { action: 'charge' } | { action: 'cancel'; reason: CancellationReason };

const CLOSING_REASONS: readonly string[] = ['order_rejected', 'order_expired', 'order_cancelled'];

/**
 * What becomes of a held payment once its order is known: it waits while the order waits for stock, is charged
 * when the order awaits payment and nothing else has been charged for it, and otherwise ends uncharged.
 */
export function decideHeldPayment(order: OrderAsSeen, chargeAlreadyLive: boolean, now: Date): HeldPaymentDecision {
  switch (order.status) {
    case 'PENDING':
      return { action: 'wait' };
    case 'PAYABLE':
      if (chargeAlreadyLive) return { action: 'cancel', reason: 'superseded' };
      return canBePaid(order, now) ? { action: 'charge' } : { action: 'cancel', reason: 'payment_window_closed' };
    case 'PAID':
      return { action: 'cancel', reason: 'order_already_paid' };
    case 'CLOSED':
      return {
        action: 'cancel',
        reason: order.closedReason && CLOSING_REASONS.includes(order.closedReason) ? (order.closedReason as CancellationReason) : 'order_cancelled',
      };
  }
}
