import { Body, Controller, Delete, Example, Get, Header, Path, Post, Put, Query, Request, Response, Route, Security, SuccessResponse, Tags } from '@tsoa/runtime';
import type { Knex } from 'knex';
import type { AuthenticatedRequest } from '../../../../src/http/authentication';
import type { Problem } from '../../../../src/http/problem-details';
import { checkOutCart } from '../../application/cart/check-out-cart';
import { clearCart } from '../../application/cart/clear-cart';
import { getCart } from '../../application/cart/get-cart';
import { removeCartLine } from '../../application/cart/remove-cart-line';
import { setCartLine } from '../../application/cart/set-cart-line';
import { removeCartPromotion } from '../../application/cart/remove-cart-promotion';
import { setCartPromotion } from '../../application/cart/set-cart-promotion';
import { chooseCartShippingOption, listCartShippingOptions } from '../../application/cart/cart-shipping';
import {
  toCartResponse,
  type CartResponse,
  type CartShippingOptionResponse,
  type CartVariantId,
  type CheckOutCartRequest,
  type CountryParam,
  type SetCartLineRequest,
  type SetCartPromotionRequest,
  type SetCartShippingOptionRequest,
} from './cart.dto';
import { toOrderResponse, type OrderResponse } from '../orders.dto';
import { requireVerifiedBuyer } from '../../application/require-verified-buyer';
import type { OrdersSettings } from '../../application/orders-settings';

/** The caller's server-side cart: priced from the current catalogue, checked against available stock. */
@Route('cart')
@Tags('Cart')
@Security('jwt')
@Response<Problem>(401, 'Missing or invalid access token')
export class CartController extends Controller {
  constructor(
    private readonly db: Knex,
    private readonly settings: OrdersSettings,
  ) {
    super();
  }

  /**
   * The caller's cart; an empty cart (id null) when they have none yet.
   * @summary Read your cart
   */
  @Get()
  @Example<CartResponse>({
    id: '3f0c1e5a-7b2d-4c8e-9a61-2d4b5c6e7f80',
    lines: [
      { productId: '8a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d', variantId: '8a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d', sku: 'TEA-DJ-100', name: 'Darjeeling tea, 100 g', options: [], quantity: 2, unitPriceMinor: 650, unitPriceCents: 650, lineTotalMinor: 1300, lineTotalCents: 1300, available: true },
      { productId: '1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e', variantId: '1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e', sku: 'POT-1L', name: 'Teapot, 1 l', options: [], quantity: 3, unitPriceMinor: 2900, unitPriceCents: 2900, lineTotalMinor: 8700, lineTotalCents: 8700, available: false, problem: 'not_enough_stock' },
    ],
    subtotalMinor: 10000, subtotalCents: 10000,
    discountMinor: 0, discountCents: 0,
    shippingMinor: 0, taxMinor: 0, pricesIncludeTax: false,
    totalMinor: 10000, totalCents: 10000,
    currency: 'EUR',
    promotionCode: null,
    shippingOptionId: null,
    updatedAt: '2026-12-01T10:15:00.000Z',
  })
  public async getCart(@Request() req: AuthenticatedRequest): Promise<CartResponse> {
    return toCartResponse(await getCart(this.db, req.user.userId));
  }

  /**
   * Puts a product in the cart or sets its quantity (1–100; the last write wins, nothing is added up). The
   * product must be orderable and in the currency of the cart's other lines. Stock is not checked here: a
   * quantity above what is available is kept and flagged (`available: false`), and refused at checkout.
   * @summary Set the quantity of a product in your cart
   */
  @Put('lines/{variantId}')
  @Example<CartResponse>({
    id: '3f0c1e5a-7b2d-4c8e-9a61-2d4b5c6e7f80',
    lines: [
      { productId: '8a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d', variantId: '8a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d', sku: 'TEA-DJ-100', name: 'Darjeeling tea, 100 g', options: [], quantity: 2, unitPriceMinor: 650, unitPriceCents: 650, lineTotalMinor: 1300, lineTotalCents: 1300, available: true },
      { productId: '1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e', variantId: '1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e', sku: 'POT-1L', name: 'Teapot, 1 l', options: [], quantity: 3, unitPriceMinor: 2900, unitPriceCents: 2900, lineTotalMinor: 8700, lineTotalCents: 8700, available: false, problem: 'not_enough_stock' },
    ],
    subtotalMinor: 10000, subtotalCents: 10000,
    discountMinor: 0, discountCents: 0,
    shippingMinor: 0, taxMinor: 0, pricesIncludeTax: false,
    totalMinor: 10000, totalCents: 10000,
    currency: 'EUR',
    promotionCode: null,
    shippingOptionId: null,
    updatedAt: '2026-12-01T10:15:00.000Z',
  })
  @Response<Problem>(400, 'REQUEST.VALIDATION_FAILED or ORDERS.INVALID_QUANTITY: quantity is not 1 to 100')
  @Response<Problem>(422, 'ORDERS.UNKNOWN_PRODUCT, ORDERS.PRODUCT_UNAVAILABLE (archived) or ORDERS.MIXED_CURRENCIES')
  public async setLine(@Request() req: AuthenticatedRequest, @Path() variantId: CartVariantId, @Body() body: SetCartLineRequest): Promise<CartResponse> {
    return toCartResponse(await setCartLine(this.db, req.user.userId, variantId, body.quantity));
  }

  /**
   * Takes a product out of the cart; removing one that is not there changes nothing.
   * @summary Remove a product from your cart
   */
  @Delete('lines/{variantId}')
  @Example<CartResponse>({
    id: '3f0c1e5a-7b2d-4c8e-9a61-2d4b5c6e7f80',
    lines: [],
    subtotalMinor: 0, subtotalCents: 0,
    discountMinor: 0, discountCents: 0,
    shippingMinor: 0, taxMinor: 0, pricesIncludeTax: false,
    totalMinor: 0, totalCents: 0,
    currency: null,
    promotionCode: null,
    shippingOptionId: null,
    updatedAt: '2026-12-01T10:15:00.000Z',
  })
  public async removeLine(@Request() req: AuthenticatedRequest, @Path() variantId: CartVariantId): Promise<CartResponse> {
    return toCartResponse(await removeCartLine(this.db, req.user.userId, variantId));
  }

  /**
   * Empties the cart.
   * @summary Empty your cart
   */
  @Delete()
  @Example<CartResponse>({
    id: '3f0c1e5a-7b2d-4c8e-9a61-2d4b5c6e7f80',
    lines: [],
    subtotalMinor: 0, subtotalCents: 0,
    discountMinor: 0, discountCents: 0,
    shippingMinor: 0, taxMinor: 0, pricesIncludeTax: false,
    totalMinor: 0, totalCents: 0,
    currency: null,
    promotionCode: null,
    shippingOptionId: null,
    updatedAt: '2026-12-01T10:15:00.000Z',
  })
  public async clear(@Request() req: AuthenticatedRequest): Promise<CartResponse> {
    return toCartResponse(await clearCart(this.db, req.user.userId));
  }

  /**
   * Puts a promotion code on the cart: the cart shows its discount, and checkout takes its use with the order.
   * A code that does not apply to the cart now is refused with the problem naming why.
   * @summary Apply a promotion code to your cart
   */
  @Put('promotion')
  @Example<CartResponse>({
    id: '3f0c1e5a-7b2d-4c8e-9a61-2d4b5c6e7f80',
    lines: [{ productId: '8a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d', variantId: '8a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d', sku: 'TEA-DJ-100', name: 'Darjeeling tea, 100 g', options: [], quantity: 2, unitPriceMinor: 650, unitPriceCents: 650, lineTotalMinor: 1300, lineTotalCents: 1300, available: true }],
    subtotalMinor: 1300, subtotalCents: 1300,
    discountMinor: 130, discountCents: 130,
    shippingMinor: 0, taxMinor: 0, pricesIncludeTax: false,
    totalMinor: 1170, totalCents: 1170,
    currency: 'EUR',
    promotionCode: 'WELCOME10',
    shippingOptionId: null,
    updatedAt: '2026-12-01T10:15:00.000Z',
  })
  @Response<Problem>(422, 'ORDERS.PROMOTION_NOT_VALID (unknown, switched off, not started or ended: one answer), _BELOW_MINIMUM or _WRONG_CURRENCY')
  @Response<Problem>(429, 'ORDERS.TOO_MANY_PROMOTION_ATTEMPTS: too many codes tried from this account, with Retry-After')
  @Response<Problem>(409, 'ORDERS.PROMOTION_EXHAUSTED or ORDERS.PROMOTION_USED_BY_CUSTOMER')
  public async setPromotion(@Request() req: AuthenticatedRequest, @Body() body: SetCartPromotionRequest): Promise<CartResponse> {
    return toCartResponse(await setCartPromotion(this.db, req.user.userId, body.code, this.settings.promotionAttempts));
  }

  /**
   * Takes the promotion code off the cart.
   * @summary Remove your cart's promotion code
   */
  @Delete('promotion')
  @Example<CartResponse>({
    id: '3f0c1e5a-7b2d-4c8e-9a61-2d4b5c6e7f80',
    lines: [{ productId: '8a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d', variantId: '8a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d', sku: 'TEA-DJ-100', name: 'Darjeeling tea, 100 g', options: [], quantity: 2, unitPriceMinor: 650, unitPriceCents: 650, lineTotalMinor: 1300, lineTotalCents: 1300, available: true }],
    subtotalMinor: 1300, subtotalCents: 1300,
    discountMinor: 0, discountCents: 0,
    shippingMinor: 0, taxMinor: 0, pricesIncludeTax: false,
    totalMinor: 1300, totalCents: 1300,
    currency: 'EUR',
    promotionCode: null,
    shippingOptionId: null,
    updatedAt: '2026-12-01T10:15:00.000Z',
  })
  public async removePromotion(@Request() req: AuthenticatedRequest): Promise<CartResponse> {
    return toCartResponse(await removeCartPromotion(this.db, req.user.userId));
  }

  /**
   * The shipping options that deliver to an address (`country` and `postalCode`, else the default address of your
   * profile), each priced for your cart as it is, cheapest first.
   * @summary Shipping options for your cart
   */
  @Get('shipping-options')
  @Response<Problem>(422, 'ORDERS.SHIPPING_ADDRESS_REQUIRED: no address given and none in the profile')
  public async shippingOptions(@Request() req: AuthenticatedRequest, @Query() country?: CountryParam, @Query() postalCode?: string): Promise<CartShippingOptionResponse[]> {
    return listCartShippingOptions(this.db, req.user.userId, { country, postalCode });
  }

  /**
   * Choose how the cart is shipped; the cart then shows the shipping and tax checkout will charge to your default
   * address (or, as `pricingProblem`, why it cannot ship there).
   * @summary Choose a shipping option
   */
  @Put('shipping-option')
  @Response<Problem>(422, 'ORDERS.SHIPPING_OPTION_UNAVAILABLE: no such option')
  public async chooseShippingOption(@Request() req: AuthenticatedRequest, @Body() body: SetCartShippingOptionRequest): Promise<CartResponse> {
    return toCartResponse(await chooseCartShippingOption(this.db, req.user.userId, body.shippingOptionId));
  }

  /** @summary Clear the shipping option chosen */
  @Delete('shipping-option')
  @Response<Problem>(401, 'Not signed in')
  public async clearShippingOption(@Request() req: AuthenticatedRequest): Promise<CartResponse> {
    return toCartResponse(await chooseCartShippingOption(this.db, req.user.userId, null));
  }

  /**
   * Places the cart as an order, exactly as POST /orders does (same response, events and saga; prices frozen
   * now), and empties the cart in the same transaction. Repeating the request with the same Idempotency-Key
   * returns the same order (200). Concurrent checkouts of one cart place one order.
   * @param idempotencyKey A client-chosen unique key per checkout (1 to 255 visible ASCII characters).
   * @summary Check out your cart
   */
  @Post('checkout')
  @SuccessResponse(201, 'Created')
  @Example<OrderResponse>({
    id: '5d7e9f10-2a3b-4c5d-8e6f-7a8b9c0d1e2f',
    customerId: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
    status: 'PENDING',
    lines: [{ productId: '8a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d', variantId: '8a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d', sku: 'TEA-DJ-100', name: 'Darjeeling tea, 100 g', options: [], quantity: 2, unitPriceMinor: 650, unitPriceCents: 650, lineTotalMinor: 1300, lineTotalCents: 1300, discountMinor: 0 }],
    subtotalMinor: 1300, subtotalCents: 1300,
    discountMinor: 0, discountCents: 0,
    shippingMinor: 0, taxMinor: 0, pricesIncludeTax: false,
    totalMinor: 1300, totalCents: 1300,
    currency: 'EUR',
    promotionCode: null,
    shippingAddress: { name: 'Ada Lovelace', line1: '12 Analytical Row', city: 'London', postalCode: 'N1 9GU', country: 'GB' },
    rounding: 'half-up-per-line',
    paymentDueAt: null,
    paymentId: null,
    trackingNumber: null,
    refundedMinor: 0,
    statusReason: null,
    createdAt: '2026-12-01T10:20:00.000Z',
    updatedAt: '2026-12-01T10:20:00.000Z',
  })
  @Response<OrderResponse>(200, 'The order placed earlier with this Idempotency-Key')
  @Response<Problem>(400, 'Invalid shipping address or missing Idempotency-Key')
  @Response<Problem>(
    409,
    'ORDERS.CART_LINES_UNAVAILABLE: the detail and errors[] name the variants that cannot be bought as asked; ORDERS.TOTAL_CHANGED: the total differs from expectedTotalCents; ORDERS.TOO_MANY_UNPAID_ORDERS or ORDERS.TOO_MANY_UNPAID_UNITS: the account holds its most unpaid orders or units',
  )
  @Response<Problem>(429, 'ORDERS.TOO_MANY_ORDERS: orders placed too fast from this account, with Retry-After')
  @Response<Problem>(403, 'ORDERS.EMAIL_NOT_VERIFIED: the email address is not verified yet')
  @Response<Problem>(422, 'ORDERS.CART_EMPTY, ORDERS.SHIPPING_ADDRESS_REQUIRED (none given, none in the profile), ORDERS.SHIPPING_OPTION_REQUIRED or _UNAVAILABLE, ORDERS.ADDRESS_NOT_SERVED, ORDERS.TAX_RATE_MISSING, or REQUEST.IDEMPOTENCY_KEY_REUSED with another body')
  public async checkout(
    @Request() req: AuthenticatedRequest,
    @Body() body: CheckOutCartRequest,
    @Header('Idempotency-Key') idempotencyKey?: string,
  ): Promise<OrderResponse> {
    requireVerifiedBuyer(req.user, this.settings);
    const { order, created } = await checkOutCart(this.db, {
      customerId: req.user.userId,
      idempotencyKey,
      shippingAddress: body.shippingAddress,
      expectedTotalCents: body.expectedTotalCents,
      limits: this.settings.customerLimits,
    });
    this.setStatus(created ? 201 : 200);
    this.setHeader('Location', `/orders/${order.id}`);
    return toOrderResponse(order);
  }
}
