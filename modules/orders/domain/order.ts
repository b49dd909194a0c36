import type { OrderStatus } from './order-status';
import type { TaxLine } from './tax/order-breakdown';

export interface ShippingAddress {
  name: string;
  line1: string;
  line2?: string;
  city: string;
  postalCode: string;
  country: string;
  /** The ISO 3166-2 subdivision within the country (e.g. CN of ES-CN), where its tax differs. */
  region?: string;
}

/** What a customer asks for: a variant, or a product that has one live variant (clients from before variants). */
export interface OrderItem {
  variantId?: string;
  productId?: string;
  quantity: number;
}

/** An item with its variant known. */
export interface ResolvedItem {
  variantId: string;
  quantity: number;
}

/** One option value of a variant, as the line froze it (Size: M). */
export interface LineOptionValue {
  option: string;
  value: string;
}

/** An order line as it was bought: the variant, its SKU, its product's name and its option values, frozen. */
export interface OrderLine {
  productId: string;
  variantId: string;
  sku: string;
  name: string;
  options: LineOptionValue[];
  quantity: number;
  unitPriceCents: number;
  lineTotalCents: number;
  /** The line's share of the order's discount. */
  discountCents: number;
  /** The tax on the line (after its discount share), or null where the destination is untaxed. */
  tax: TaxLine | null;
}

/** The shipping an order was sold with, frozen. */
export interface ShippingLine {
  optionId: string;
  name: string;
  priceCents: number;
  tax: TaxLine | null;
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
  /** Null when the shop shipped nothing (no shipping set up), as before shipping existed. */
  shipping: ShippingLine | null;
  /** All the order's tax: added to its total, or contained in its prices when `pricesIncludeTax`. */
  taxCents: number;
  pricesIncludeTax: boolean;
  /** How its tax was rounded (see ROUNDING_RULE). */
  rounding: string;
  /** subtotal − discount + shipping (+ tax unless prices include it): what is charged. */
  totalCents: number;
  currency: string;
  /** The promotion code the discount came from (as the promotion spells it), or null. */
  promotionCode: string | null;
  shippingAddress: ShippingAddress;
  paymentDueAt: Date | null;
  paymentId: string | null;
  trackingNumber: string | null;
  /** What payments has refunded of the order so far (goodwill refunds and returns), as it last told. */
  refundedCents: number;
  statusReason: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Who changed an order: a user id, or the system reacting to an event or a timer. */
export const SYSTEM_ACTOR = 'system';
