import type { CartView } from '../../application/cart/cart-view';
import type { CartLineProblem } from '../../domain/cart/cart';
import { lineAmounts, totalsOf, type LineResponse, type ShippingAddressDto, type TotalsResponse } from '../orders.dto';

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
  updatedAt: string | null;
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
      available: line.available,
      ...(line.problem ? { problem: line.problem } : {}),
    })),
    ...totalsOf(cart),
    currency: cart.currency,
    promotionCode: cart.promotionCode,
    ...(cart.promotionProblem ? { promotionProblem: cart.promotionProblem } : {}),
    updatedAt: cart.updatedAt?.toISOString() ?? null,
  };
}
