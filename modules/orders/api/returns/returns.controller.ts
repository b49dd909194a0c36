import { Body, Controller, Get, Path, Post, Query, Request, Response, Route, Security, Tags } from '@tsoa/runtime';
import type { Knex } from 'knex';
import type { AuthenticatedRequest } from '../../../../src/http/authentication';
import type { Problem } from '../../../../src/http/problem-details';
import { approveReturn, declineReturn } from '../../application/returns/decide-return';
import { getReturn, previewRefund } from '../../application/returns/read-returns';
import { receiveReturn } from '../../application/returns/receive-return';
import type { FulfilmentId } from '../fulfilments/fulfilments.dto';
import { toRefundPreviewResponse, toReturnResponse, type DeclineReturnRequest, type ReceiveReturnRequest, type RefundPreviewResponse, type ReturnResponse } from './returns.dto';

@Route('returns')
@Tags('Returns')
@Security('jwt')
@Response<Problem>(401, 'Missing or invalid access token')
@Response<Problem>(404, 'ORDERS.RETURN_NOT_FOUND: no such return visible to the caller')
export class ReturnsController extends Controller {
  constructor(private readonly db: Knex) {
    super();
  }

  /**
   * A return with its history (the owner's, or any for an admin).
   * @summary Read a return
   */
  @Get('{returnId}')
  public async get(@Request() req: AuthenticatedRequest, @Path() returnId: FulfilmentId): Promise<ReturnResponse> {
    return toReturnResponse(await getReturn(this.db, req.user, returnId));
  }

  /**
   * What the return gives back, per line and in total: before receipt, if every unit asked for comes back; after,
   * what was asked of payments. Capped at `refundableMinor`.
   * @summary Preview a return's refund
   */
  @Get('{returnId}/refund-preview')
  public async refundPreview(@Request() req: AuthenticatedRequest, @Path() returnId: FulfilmentId, @Query() refundShipping?: boolean): Promise<RefundPreviewResponse> {
    return toRefundPreviewResponse(await previewRefund(this.db, req.user, returnId, refundShipping ?? false));
  }

  /** @summary Approve a requested return */
  @Post('{returnId}/approve')
  @Security('jwt', ['admin'])
  @Response<Problem>(403, 'AUTH.FORBIDDEN: admins only')
  @Response<Problem>(409, 'ORDERS.RETURN_STATUS: the return is not REQUESTED')
  public async approve(@Request() req: AuthenticatedRequest, @Path() returnId: FulfilmentId): Promise<ReturnResponse> {
    return toReturnResponse(await approveReturn(this.db, req.user, returnId));
  }

  /** @summary Decline a requested return, saying why */
  @Post('{returnId}/decline')
  @Security('jwt', ['admin'])
  @Response<Problem>(403, 'AUTH.FORBIDDEN: admins only')
  @Response<Problem>(409, 'ORDERS.RETURN_STATUS: the return is not REQUESTED')
  public async decline(@Request() req: AuthenticatedRequest, @Path() returnId: FulfilmentId, @Body() body: DeclineReturnRequest): Promise<ReturnResponse> {
    return toReturnResponse(await declineReturn(this.db, req.user, returnId, body.reason));
  }

  /**
   * Records what came back: per line the units going back to stock (at which location) and those damaged. The
   * refund for exactly those units (and shipping when asked) is then issued through payments, capped by what the
   * payment still holds; the return becomes REFUNDED when it is.
   * @summary Receive a return
   */
  @Post('{returnId}/receive')
  @Security('jwt', ['admin'])
  @Response<Problem>(400, 'ORDERS.INVALID_RECEIPT: more units than the return asked for, or an unknown line')
  @Response<Problem>(403, 'AUTH.FORBIDDEN: admins only')
  @Response<Problem>(409, 'ORDERS.RETURN_STATUS: the return is not APPROVED')
  public async receive(@Request() req: AuthenticatedRequest, @Path() returnId: FulfilmentId, @Body() body: ReceiveReturnRequest): Promise<ReturnResponse> {
    return toReturnResponse(await receiveReturn(this.db, req.user, returnId, body.lines, body.refundShipping ?? false));
  }
}
