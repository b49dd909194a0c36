import { Body, Controller, Get, Path, Post, Request, Response, Route, Security, SuccessResponse, Tags } from '@tsoa/runtime';
import type { Knex } from 'knex';
import type { AuthenticatedRequest } from '../../../../src/http/authentication';
import type { Problem } from '../../../../src/http/problem-details';
import type { OrdersSettings } from '../../application/orders-settings';
import { listReturns } from '../../application/returns/read-returns';
import { requestReturn } from '../../application/returns/request-return';
import type { FulfilmentId } from '../fulfilments/fulfilments.dto';
import { toReturnResponse, type RequestReturnRequest, type ReturnResponse } from './returns.dto';

@Route('orders')
@Tags('Returns')
@Security('jwt')
@Response<Problem>(401, 'Missing or invalid access token')
@Response<Problem>(404, 'ORDERS.NOT_FOUND: no such order visible to the caller')
export class OrderReturnsController extends Controller {
  constructor(
    private readonly db: Knex,
    private readonly settings: OrdersSettings,
  ) {
    super();
  }

  /**
   * Asks to send delivered units of the caller's order back, within RETURN_WINDOW_DAYS (30 by default) of their
   * delivery. An admin approves or declines it.
   * @summary Ask to return units
   */
  @Post('{id}/returns')
  @SuccessResponse(201, 'Created')
  @Response<Problem>(400, 'ORDERS.INVALID_RETURN')
  @Response<Problem>(409, 'ORDERS.RETURN_EXCEEDS_DELIVERED: more units than were delivered and not yet returned; ORDERS.RETURN_WINDOW_CLOSED')
  public async request(@Request() req: AuthenticatedRequest, @Path() id: FulfilmentId, @Body() body: RequestReturnRequest): Promise<ReturnResponse> {
    const ret = await requestReturn(this.db, req.user, id, body.lines, this.settings.returnWindowDays);
    this.setStatus(201);
    this.setHeader('Location', `/returns/${ret.id}`);
    return toReturnResponse(ret);
  }

  /** @summary An order's returns, oldest first */
  @Get('{id}/returns')
  public async list(@Request() req: AuthenticatedRequest, @Path() id: FulfilmentId): Promise<ReturnResponse[]> {
    return (await listReturns(this.db, req.user, id)).map(toReturnResponse);
  }
}
