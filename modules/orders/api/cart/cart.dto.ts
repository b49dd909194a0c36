import type { CartView } from '../../application/cart/cart-view';
import type { CartLineProblem } from '../../domain/cart/cart';
import type { MinorUnits } from '../../../../src/money/minor-units';
import { lineAmounts, lineTaxes, shippingOf, totalsOf, type LineResponse, type ShippingAddressDto, type ShippingLineResponse, type TotalsResponse } from '../orders.dto';

/**
 * A variant id, or the id of a product with one live variant (UUID).
 * @pattern ^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$
 */
export type CartVariantId = string;

export interface SetCartLineRequest {
  /**
   * How many the cart should hold (not how many to add).
   * @isInt
   * @minimum 1
   * @maximum 100
   * @example 2
   */
  quantity: number;
}

export interface CheckOutCartRequest {
  /** Defaults to the default shipping address of the caller's profile. */
  shippingAddress?: ShippingAddressDto;
  /** The total the customer was shown: when it has changed since, checkout is refused with 409 ORDERS.TOTAL_CHANGED and the new totals. */
  expectedTotalCents?: MinorUnits;
}

/** A line priced at the catalogue's current price: a price change reaches open carts; the order freezes it at checkout. */
export interface CartLineResponse extends LineResponse {
  /** False when the line cannot be bought as it is; `problem` says why. Checkout refuses such a cart. */
  available: boolean;
  problem?: CartLineProblem;
}

export interface CartResponse extends TotalsResponse {
  /** Null until the first line goes in. */
  id: string | null;
  lines: CartLineResponse[];
  /** ISO 4217; null for an empty cart. A cart holds one currency. */
  currency: string | null;
  /** The promotion code the checkout will use; its discount is shown now, its use is taken at checkout. */
  promotionCode: string | null;
  /** Why the code gives no discount now (e.g. `ORDERS.PROMOTION_NOT_VALID`): checkout would be refused for it. */
  promotionProblem?: string;
  /** The shipping option chosen for the checkout (PUT /cart/shipping-option). */
  shippingOptionId: string | null;
  /** Shipping as checkout would charge it to the default address of the profile; absent until known. */
  shipping?: ShippingLineResponse;
  /** Why the cart cannot be priced to that address yet (e.g. `ORDERS.SHIPPING_OPTION_REQUIRED`): checkout would be refused for it. */
  pricingProblem?: string;
  updatedAt: string | null;
}

/**
 * ISO 3166-1 alpha-2.
 * @pattern ^[A-Za-z]{2}$
 */
export type CountryParam = string;

export interface SetCartShippingOptionRequest {
  /** @pattern ^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$ */
  shippingOptionId: string;
}

/** A shipping option that delivers to the address, priced for this cart. */
export interface CartShippingOptionResponse {
  id: string;
  name: string;
  priceMinor: MinorUnits;
  currency: string;
}

export interface SetCartPromotionRequest {
  /** @example "WELCOME10" */
  code: string;
}

export function toCartResponse(cart: CartView): CartResponse {
  return {
    id: cart.id,
    lines: cart.lines.map((line) => ({
      productId: line.productId,
      variantId: line.variantId,
      sku: line.sku,
      name: line.name,
      options: line.options,
      quantity: line.quantity,
      ...lineAmounts(line),
      ...lineTaxes(line),
      available: line.available,
      ...(line.problem ? { problem: line.problem } : {}),
    })),
    ...totalsOf(cart),
    currency: cart.currency,
    promotionCode: cart.promotionCode,
    ...(cart.promotionProblem ? { promotionProblem: cart.promotionProblem } : {}),
    shippingOptionId: cart.shippingOptionId,
    ...shippingOf(cart.shipping),
    ...(cart.pricingProblem ? { pricingProblem: cart.pricingProblem } : {}),
    updatedAt: cart.updatedAt?.toISOString() ?? null,
  };
}
