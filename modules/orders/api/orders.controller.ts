import { Body, Controller, Get, Header, Path, Post, Query, Request, Response, Route, Security, SuccessResponse, Tags } from '@tsoa/runtime';
import type { Knex } from 'knex';
import type { AuthenticatedRequest } from '../../../src/http/authentication';
import { cancelOrder } from '../application/cancel-order';
import { deliverOrder } from '../application/deliver-order';
import { getOrder } from '../application/get-order';
import { listOrders } from '../application/list-orders';
import { placeOrder } from '../application/place-order';
import { shipOrder } from '../application/ship-order';
import type { OrderStatus } from '../domain/order-status';
import {
  toOrderResponse,
  type CancelOrderRequest,
  type OrderPageResponse,
  type OrderResponse,
  type PlaceOrderRequest,
  type ShipOrderRequest,
} from './orders.dto';
import { requireVerifiedBuyer } from '../application/require-verified-buyer';
import type { OrdersSettings } from '../application/orders-settings';
import { exportCustomerData } from '../application/export-customer-data';
import { toCartResponse } from './cart/cart.dto';
import type { OrdersPersonalDataResponse } from './personal-data.dto';

@Route('orders')
@Tags('Orders')
@Security('jwt')
@Response(401, 'Missing or invalid access token')
export class OrdersController extends Controller {
  constructor(
    private readonly db: Knex,
    private readonly settings: OrdersSettings,
  ) {
    super();
  }

  /**
   * Places an order for the caller, priced from the current catalogue. Repeating the request with the
   * same Idempotency-Key returns the same order (200); the key with a different body is refused (422).
   * @summary Place an order
   */
  @Post()
  @SuccessResponse(201, 'Created')
  @Response<OrderResponse>(200, 'The order placed earlier with this Idempotency-Key')
  @Response(400, 'Invalid request or missing Idempotency-Key')
  @Response(422, 'Unknown or unavailable products, mixed currencies, a reused Idempotency-Key, ORDERS.ADDRESS_NOT_SERVED, ORDERS.SHIPPING_OPTION_REQUIRED, ORDERS.SHIPPING_OPTION_UNAVAILABLE or ORDERS.TAX_RATE_MISSING')
  @Response(409, 'ORDERS.TOO_MANY_UNPAID_ORDERS or ORDERS.TOO_MANY_UNPAID_UNITS: the account holds its most unpaid orders or units; ORDERS.TOTAL_CHANGED: the total differs from expectedTotalCents (the new totals attached)')
  @Response(403, 'ORDERS.EMAIL_NOT_VERIFIED: the email address is not verified yet')
  @Response(429, 'ORDERS.TOO_MANY_ORDERS: orders placed too fast from this account, or ORDERS.TOO_MANY_PROMOTION_ATTEMPTS: too many codes tried; with Retry-After')
  public async placeOrder(
    @Request() req: AuthenticatedRequest,
    @Body() body: PlaceOrderRequest,
    @Header('Idempotency-Key') idempotencyKey?: string,
  ): Promise<OrderResponse> {
    requireVerifiedBuyer(req.user, this.settings);
    const { order, created } = await placeOrder(this.db, {
      customerId: req.user.userId,
      idempotencyKey,
      items: body.items,
      shippingAddress: body.shippingAddress,
      promotionCode: body.promotionCode,
      shippingOptionId: body.shippingOptionId,
      expectedTotalCents: body.expectedTotalCents,
      limits: this.settings.customerLimits,
      promotionAttempts: this.settings.promotionAttempts,
    });
    this.setStatus(created ? 201 : 200);
    this.setHeader('Location', `/orders/${order.id}`);
    return toOrderResponse(order);
  }

  /**
   * The caller's orders, newest first; admins see everyone's and may filter by customer (`userId`).
   * @summary List orders
   */
  @Get()
  @Response(400, 'Invalid filter or cursor')
  @Response(403, 'A customer asked for another customer\'s orders')
  public async listOrders(
    @Request() req: AuthenticatedRequest,
    @Query() status?: OrderStatus,
    @Query() userId?: string,
    @Query() limit?: number,
    @Query() cursor?: string,
  ): Promise<OrderPageResponse> {
    const page = await listOrders(this.db, req.user, { status, userId, limit, cursor });
    return { items: page.items.map((order) => toOrderResponse(order)), nextCursor: page.nextCursor };
  }

  /**
   * Everything the orders module holds about the caller: every order, the cart, and its copy of the default
   * shipping address. Part of the caller's personal-data export (`GET /users/me/export`).
   * @summary Export your orders data
   */
  @Get('personal-data')
  @Tags('Personal data')
  public async personalData(@Request() req: AuthenticatedRequest): Promise<OrdersPersonalDataResponse> {
    const data = await exportCustomerData(this.db, req.user.userId);
    return { orders: data.orders.map((order) => toOrderResponse(order)), cart: toCartResponse(data.cart), defaultShippingAddress: data.defaultShippingAddress };
  }

  /**
   * One order with its status history (the owner's, or any for an admin).
   * @summary Read an order
   */
  @Get('{id}')
  @Response(404, 'No such order visible to the caller')
  public async getOrder(@Request() req: AuthenticatedRequest, @Path() id: string): Promise<OrderResponse> {
    const { order, ...details } = await getOrder(this.db, req.user, id);
    return toOrderResponse(order, details);
  }

  /**
   * Cancels an order that has not shipped; a paid order is refunded.
   * @summary Cancel an order
   */
  @Post('{id}/cancel')
  @Response(404, 'No such order visible to the caller')
  @Response(409, 'The order can no longer be cancelled')
  public async cancelOrder(
    @Request() req: AuthenticatedRequest,
    @Path() id: string,
    @Body() body?: CancelOrderRequest,
  ): Promise<OrderResponse> {
    return toOrderResponse(await cancelOrder(this.db, req.user, id, body?.reason));
  }

  /**
   * Ships everything not yet shipped under one tracking number: units not in a fulfilment are packed where they
   * are reserved (a fulfilment per location), then every pending fulfilment ships.
   * @summary Ship the rest of an order
   */
  @Post('{id}/ship')
  @Security('jwt', ['admin'])
  @Response(403, 'Only admins ship orders')
  @Response(404, 'No such order')
  @Response(409, 'Only a paid or partly shipped order can ship; ORDERS.FULFILMENT_STOCK_MOVING')
  public async shipOrder(@Request() req: AuthenticatedRequest, @Path() id: string, @Body() body: ShipOrderRequest): Promise<OrderResponse> {
    return toOrderResponse(await shipOrder(this.db, req.user, id, body.trackingNumber, body.carrier));
  }

  /**
   * Marks every shipment of a fully shipped order delivered.
   * @summary Mark an order delivered
   */
  @Post('{id}/deliver')
  @Security('jwt', ['admin'])
  @Response(403, 'Only admins mark orders delivered')
  @Response(404, 'No such order')
  @Response(409, 'Only a shipped order can be delivered; ORDERS.NOT_ALL_SHIPPED')
  public async deliverOrder(@Request() req: AuthenticatedRequest, @Path() id: string): Promise<OrderResponse> {
    return toOrderResponse(await deliverOrder(this.db, req.user, id));
  }
}
