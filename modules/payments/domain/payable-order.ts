import type { PayableOrderStatus } from './payable-order-status';

/** This module's view of an order, kept from the orders module's events. */
export interface PayableOrder {
  orderId: string;
  customerId: string;
  status: PayableOrderStatus;
  amountCents: number | null;
  currency: string | null;
  paymentDueAt: Date | null;
  /** Why the order closed (order_rejected, order_expired, order_cancelled), once CLOSED. */
  closedReason: string | null;
  createdAt: Date;
  updatedAt: Date;
}
