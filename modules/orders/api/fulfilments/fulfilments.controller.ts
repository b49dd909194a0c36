import { Body, Controller, Path, Post, Request, Response, Route, Security, Tags } from '@tsoa/runtime';
import type { Knex } from 'knex';
import type { AuthenticatedRequest } from '../../../../src/http/authentication';
import type { Problem } from '../../../../src/http/problem-details';
import { cancelFulfilment } from '../../application/fulfilments/cancel-fulfilment';
import { deliverFulfilment } from '../../application/fulfilments/deliver-fulfilment';
import { shipFulfilment } from '../../application/fulfilments/ship-fulfilment';
import { toFulfilmentResponse, type CancelFulfilmentRequest, type FulfilmentId, type FulfilmentResponse, type ShipFulfilmentRequest } from './fulfilments.dto';

@Route('fulfilments')
@Tags('Fulfilment')
@Security('jwt', ['admin'])
@Response<Problem>(401, 'Missing or invalid access token')
@Response<Problem>(403, 'AUTH.FORBIDDEN: admins only')
@Response<Problem>(404, 'ORDERS.FULFILMENT_NOT_FOUND')
export class FulfilmentsController extends Controller {
  constructor(private readonly db: Knex) {
    super();
  }

  /**
   * The parcel left with a carrier: its units are committed at its location (they leave on-hand stock), the order
   * becomes PARTIALLY_SHIPPED or SHIPPED, and the customer is emailed the tracking.
   * @summary Ship a fulfilment
   */
  @Post('{fulfilmentId}/ship')
  @Response<Problem>(409, 'ORDERS.FULFILMENT_NOT_PENDING, or ORDERS.FULFILMENT_STOCK_MOVING: inventory has not yet moved its units to its location')
  public async ship(@Request() req: AuthenticatedRequest, @Path() fulfilmentId: FulfilmentId, @Body() body: ShipFulfilmentRequest): Promise<FulfilmentResponse> {
    return toFulfilmentResponse((await shipFulfilment(this.db, req.user, fulfilmentId, body)).fulfilment);
  }

  /**
   * The order becomes DELIVERED once every unit has shipped and every shipment is delivered.
   * @summary Mark a fulfilment delivered
   */
  @Post('{fulfilmentId}/deliver')
  @Response<Problem>(409, 'ORDERS.FULFILMENT_NOT_SHIPPED')
  public async deliver(@Request() req: AuthenticatedRequest, @Path() fulfilmentId: FulfilmentId): Promise<FulfilmentResponse> {
    return toFulfilmentResponse((await deliverFulfilment(this.db, req.user, fulfilmentId)).fulfilment);
  }

  /**
   * A pending fulfilment is given up; its units are unfulfilled again, reserved where they are now.
   * @summary Cancel a fulfilment
   */
  @Post('{fulfilmentId}/cancel')
  @Response<Problem>(409, 'ORDERS.FULFILMENT_NOT_PENDING')
  public async cancel(@Request() req: AuthenticatedRequest, @Path() fulfilmentId: FulfilmentId, @Body() body?: CancelFulfilmentRequest): Promise<FulfilmentResponse> {
    return toFulfilmentResponse((await cancelFulfilment(this.db, req.user, fulfilmentId, body?.reason)).fulfilment);
  }
}
