import { Body, Controller, Path, Post, Request, Response, Route, Security, SuccessResponse, Tags } from '@tsoa/runtime';
import type { Knex } from 'knex';
import type { AuthenticatedRequest } from '../../../../src/http/authentication';
import type { Problem } from '../../../../src/http/problem-details';
import { createFulfilment } from '../../application/fulfilments/create-fulfilment';
import { toFulfilmentResponse, type CreateFulfilmentRequest, type FulfilmentId, type FulfilmentResponse } from './fulfilments.dto';

@Route('orders')
@Tags('Fulfilment')
@Security('jwt', ['admin'])
@Response<Problem>(401, 'Missing or invalid access token')
@Response<Problem>(403, 'AUTH.FORBIDDEN: admins only')
export class OrderFulfilmentsController extends Controller {
  constructor(private readonly db: Knex) {
    super();
  }

  /**
   * Starts packing some units of a paid order at one stock location (PENDING until it ships). Units reserved at
   * another location are moved there when it has them available (the fulfilment is `MOVING` until inventory
   * confirms); when it has not, the request is refused.
   * @summary Fulfil units of an order
   */
  @Post('{id}/fulfilments')
  @SuccessResponse(201, 'Created')
  @Response<Problem>(400, 'ORDERS.INVALID_FULFILMENT')
  @Response<Problem>(404, 'ORDERS.NOT_FOUND')
  @Response<Problem>(
    409,
    'ORDERS.NOT_FULFILLABLE: the order is not paid; ORDERS.FULFILMENT_EXCEEDS_ORDER: more units than remain unfulfilled; ORDERS.LOCATION_SHORT: the location neither holds nor has the units',
  )
  public async create(@Request() req: AuthenticatedRequest, @Path() id: FulfilmentId, @Body() body: CreateFulfilmentRequest): Promise<FulfilmentResponse> {
    const { fulfilment } = await createFulfilment(this.db, req.user, { orderId: id, locationId: body.locationId, lines: body.lines });
    this.setStatus(201);
    this.setHeader('Location', `/orders/${id}`);
    return toFulfilmentResponse(fulfilment);
  }
}
