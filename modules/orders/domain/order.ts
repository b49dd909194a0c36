import type { OrderStatus } from './order-status';

export interface ShippingAddress {
  name: string;
  line1: string;
  line2?: string;
  city: string;
  postalCode: string;
  country: string;
}

export interface OrderItem {
  productId: string;
  quantity: number;
}

export interface OrderLine {
  productId: string;
  sku: string;
  name: string;
  quantity: number;
  unitPriceCents: number;
  lineTotalCents: number;
}

export interface StatusChange {
  from: OrderStatus | null;
  to: OrderStatus;
  reason: string | null;
  actor: string;
  occurredAt: Date;
}

export interface Order {
  id: string;
  customerId: string;
  status: OrderStatus;
  lines: OrderLine[];
  /** The lines' sum; the total is this less the discount. */
  subtotalCents: number;
  discountCents: number;
  totalCents: number;
  currency: string;
  /** The promotion code the discount came from (as the promotion spells it), or null. */
  promotionCode: string | null;
  shippingAddress: ShippingAddress;
  paymentDueAt: Date | null;
  paymentId: string | null;
  trackingNumber: string | null;
  statusReason: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Who changed an order: a user id, or the system reacting to an event or a timer. */
export const SYSTEM_ACTOR = 'system';
