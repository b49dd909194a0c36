import type { MinorUnits } from '../../../src/money/minor-units';
import type { Order, ShippingLine } from '../domain/order';
import type { TaxLine } from '../domain/tax/order-breakdown';
import type { OrderStatus } from '../domain/order-status';
import type { OrderDetails } from '../application/get-order';
import { toFulfilmentResponse, type FulfilmentResponse, type LineProgressResponse } from './fulfilments/fulfilments.dto';

/** One item: the variant to buy (`variantId`), or a product that has one live variant (`productId`). */
export interface OrderItemRequest {
  /**
   * @pattern ^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$
   */
  variantId?: string;
  /**
   * Accepted where the product has exactly one live variant (422 ORDERS.VARIANT_REQUIRED names the choice otherwise).
   * @pattern ^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$
   */
  productId?: string;
  /**
   * @isInt
   * @minimum 1
   * @maximum 100
   */
  quantity: number;
}

export interface ShippingAddressDto {
  /** @minLength 1 @maxLength 200 @pattern \S */
  name: string;
  /** @minLength 1 @maxLength 200 @pattern \S */
  line1: string;
  /** @maxLength 200 */
  line2?: string;
  /** @minLength 1 @maxLength 100 @pattern \S */
  city: string;
  /** @minLength 1 @maxLength 20 @pattern \S */
  postalCode: string;
  /**
   * ISO 3166-1 alpha-2, e.g. DE
   * @pattern ^[A-Za-z]{2}$
   */
  country: string;
  /**
   * The ISO 3166-2 subdivision within the country (e.g. CN for ES-CN, the Canary Islands), where its tax differs.
   * @minLength 1
   * @maxLength 3
   * @example "CN"
   */
  region?: string;
}

export interface PlaceOrderRequest {
  /**
   * One line per product.
   * @minItems 1
   * @maxItems 50
   */
  items: OrderItemRequest[];
  shippingAddress: ShippingAddressDto;
  /**
   * A promotion code; its use is taken with the order, or the order is refused with a problem naming why.
   * @maxLength 40
   */
  promotionCode?: string;
  /**
   * The shipping option (from GET /cart/shipping-options); required once the shop ships anywhere.
   * @pattern ^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$
   */
  shippingOptionId?: string;
  /** The total the customer was shown: when it has changed since, the order is refused with 409 ORDERS.TOTAL_CHANGED and the new totals. */
  expectedTotalCents?: MinorUnits;
}

export interface CancelOrderRequest {
  /** @maxLength 500 */
  reason?: string;
}

export interface ShipOrderRequest {
  /** @minLength 1 @maxLength 100 */
  trackingNumber: string;
  /** @maxLength 100 @example "DHL" */
  carrier?: string;
}

/** One option value of a line's variant. */
export interface LineOptionValueResponse {
  option: string;
  value: string;
}

/** A line of an order or a cart: what one variant costs and comes to. */
export interface LineResponse {
  /** The product the variant belongs to. */
  productId: string;
  variantId: string;
  /** The variant's SKU. */
  sku: string;
  /** The product's name. */
  name: string;
  /** The variant's option values (e.g. Size: M), empty for a product without options. */
  options: LineOptionValueResponse[];
  /** @isInt */
  quantity: number;
  unitPriceMinor: MinorUnits;
  /** @deprecated Use `unitPriceMinor`: the same amount, named as in the events. */
  unitPriceCents: MinorUnits;
  lineTotalMinor: MinorUnits;
  /** @deprecated Use `lineTotalMinor`: the same amount, named as in the events. */
  lineTotalCents: MinorUnits;
  /** The line's share of the discount (the shares add up to it); on orders, and on carts with a known address. */
  discountMinor?: MinorUnits;
  /** The tax on the line after its discount share; absent where the destination is untaxed. */
  tax?: TaxLineResponse;
}

/** Tax on a line or on shipping, at one rate. */
export interface TaxLineResponse {
  taxClass: string;
  /**
   * 1900 = 19 %.
   * @isInt
   */
  rateBasisPoints: number;
  country: string;
  region: string | null;
  amountMinor: MinorUnits;
}

/** The shipping an order is sold with. */
export interface ShippingLineResponse {
  optionId: string;
  name: string;
  priceMinor: MinorUnits;
  /** Absent where shipping is untaxed. */
  tax?: TaxLineResponse;
}

/**
 * A line as the order froze it at placement (variant, SKU, name, option values, price) and, on GET /orders/{id},
 * how far its units have gone.
 */
export interface OrderLineResponse extends LineResponse, Partial<Omit<LineProgressResponse, 'variantId'>> {}

export interface StatusChangeResponse {
  from: OrderStatus | null;
  to: OrderStatus;
  reason: string | null;
  at: string;
}

/** What an order or a cart comes to. */
export interface TotalsResponse {
  /** The lines' sum before the discount. */
  subtotalMinor: MinorUnits;
  /** @deprecated Use `subtotalMinor`: the same amount, named as in the events. */
  subtotalCents: MinorUnits;
  /** Taken off by the promotion code; half-up rounding to whole minor units for percentages. */
  discountMinor: MinorUnits;
  /** @deprecated Use `discountMinor`: the same amount, named as in the events. */
  discountCents: MinorUnits;
  /** What shipping costs (0 without shipping). */
  shippingMinor: MinorUnits;
  /** All tax: added to the total, or contained in it when `pricesIncludeTax`. */
  taxMinor: MinorUnits;
  pricesIncludeTax: boolean;
  /** What is charged: subtotal − discount + shipping + tax (tax-exclusive prices), or subtotal − discount + shipping. */
  totalMinor: MinorUnits;
  /** @deprecated Use `totalMinor`: the same amount, named as in the events. */
  totalCents: MinorUnits;
}

function toTaxLineResponse(tax: TaxLine): TaxLineResponse {
  return { taxClass: tax.taxClass, rateBasisPoints: tax.basisPoints, country: tax.country, region: tax.region, amountMinor: tax.amountMinor };
}

/** The shipping line under `shipping`, the property absent when there is none. */
export function shippingOf(shipping: ShippingLine | null): { shipping?: ShippingLineResponse } {
  if (!shipping) return {};
  return { shipping: { optionId: shipping.optionId, name: shipping.name, priceMinor: shipping.priceCents, ...(shipping.tax ? { tax: toTaxLineResponse(shipping.tax) } : {}) } };
}

/** A line's discount share and tax, where they are known. */
export function lineTaxes(line: { discountCents?: number; tax?: TaxLine | null }): Pick<LineResponse, 'discountMinor' | 'tax'> {
  if (line.discountCents === undefined) return {};
  return { discountMinor: line.discountCents, ...(line.tax ? { tax: toTaxLineResponse(line.tax) } : {}) };
}

/** A line's amounts under their names and their deprecated aliases. */
export function lineAmounts(line: { unitPriceCents: number; lineTotalCents: number }) {
  return { unitPriceMinor: line.unitPriceCents, unitPriceCents: line.unitPriceCents, lineTotalMinor: line.lineTotalCents, lineTotalCents: line.lineTotalCents };
}

/** Totals under their names and their deprecated aliases. */
export function totalsOf(amounts: {
  subtotalCents: number;
  discountCents: number;
  totalCents: number;
  shipping: { priceCents: number } | null;
  taxCents: number;
  pricesIncludeTax: boolean;
}): TotalsResponse {
  return {
    subtotalMinor: amounts.subtotalCents,
    subtotalCents: amounts.subtotalCents,
    discountMinor: amounts.discountCents,
    discountCents: amounts.discountCents,
    shippingMinor: amounts.shipping?.priceCents ?? 0,
    taxMinor: amounts.taxCents,
    pricesIncludeTax: amounts.pricesIncludeTax,
    totalMinor: amounts.totalCents,
    totalCents: amounts.totalCents,
  };
}

export interface OrderResponse extends TotalsResponse {
  id: string;
  customerId: string;
  status: OrderStatus;
  lines: OrderLineResponse[];
  currency: string;
  promotionCode: string | null;
  shippingAddress: ShippingAddressDto;
  /** The shipping option, price and tax the order was sold with; absent when the shop shipped nothing. */
  shipping?: ShippingLineResponse;
  /** How tax was rounded: half-up-per-line (each line's and shipping's tax rounded half up on its own). */
  rounding: string;
  /** Set while the order awaits payment: after this time it expires. */
  paymentDueAt: string | null;
  paymentId: string | null;
  /** The tracking number of the last parcel shipped. */
  trackingNumber: string | null;
  /** What has been refunded so far (goodwill refunds and returns). */
  refundedMinor: MinorUnits;
  /** Why the order was rejected, cancelled or expired. */
  statusReason: string | null;
  createdAt: string;
  updatedAt: string;
  /** Oldest first; present on GET /orders/{id}. */
  history?: StatusChangeResponse[];
  /** Its parcels, oldest first; present on GET /orders/{id}. */
  fulfilments?: FulfilmentResponse[];
}

export interface OrderPageResponse {
  items: OrderResponse[];
  nextCursor: string | null;
}

export function toOrderResponse(order: Order, details?: OrderDetails): OrderResponse {
  const progressOf = (variantId: string) => {
    const line = details?.progress.find((p) => p.variantId === variantId);
    return line ? { ordered: line.ordered, fulfilled: line.fulfilled, shipped: line.shipped, delivered: line.delivered, returned: line.returned } : {};
  };
  return {
    id: order.id,
    customerId: order.customerId,
    status: order.status,
    lines: order.lines.map(({ discountCents, tax, ...line }) => ({ ...line, ...lineAmounts(line), ...lineTaxes({ discountCents, tax }), ...progressOf(line.variantId) })),
    ...totalsOf(order),
    currency: order.currency,
    promotionCode: order.promotionCode,
    shippingAddress: order.shippingAddress,
    ...shippingOf(order.shipping),
    rounding: order.rounding,
    paymentDueAt: order.paymentDueAt?.toISOString() ?? null,
    paymentId: order.paymentId,
    trackingNumber: order.trackingNumber,
    refundedMinor: order.refundedCents,
    statusReason: order.statusReason,
    createdAt: order.createdAt.toISOString(),
    updatedAt: order.updatedAt.toISOString(),
    ...(details
      ? {
          history: details.history.map((change) => ({ from: change.from, to: change.to, reason: change.reason, at: change.occurredAt.toISOString() })),
          fulfilments: details.fulfilments.map(toFulfilmentResponse),
        }
      : {}),
  };
}
