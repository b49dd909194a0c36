import { renamedField } from '../../../../src/http/renamed-field';
import { Body, Controller, Get, Patch, Path, Post, Query, Request, Response, Route, Security, SuccessResponse, Tags } from '@tsoa/runtime';
import type { Knex } from 'knex';
import type { AuthenticatedRequest } from '../../../../src/http/authentication';
import type { Problem } from '../../../../src/http/problem-details';
import { changePromotion } from '../../application/promotions/change-promotion';
import { createPromotion } from '../../application/promotions/create-promotion';
import { getPromotion } from '../../application/promotions/get-promotion';
import { listPromotions } from '../../application/promotions/list-promotions';
import { toPromotionResponse, type ChangePromotionRequest, type CreatePromotionRequest, type PromotionPageResponse, type PromotionResponse } from './promotions.dto';

/** Promotion codes, for admins. Shoppers use a code through POST /orders (`promotionCode`). */
@Route('promotions')
@Tags('Promotions')
@Security('jwt', ['admin'])
@Response<Problem>(401, 'Missing or invalid access token')
@Response<Problem>(403, 'AUTH.FORBIDDEN: admins only')
export class PromotionsController extends Controller {
  constructor(private readonly db: Knex) {
    super();
  }

  /**
   * Creates a promotion code.
   * @summary Create a promotion code
   */
  @Post()
  @SuccessResponse(201, 'Created')
  @Response<Problem>(400, 'ORDERS.INVALID_PROMOTION: value out of range, missing currency for a fixed discount, bad dates or limits')
  @Response<Problem>(409, 'ORDERS.PROMOTION_CODE_TAKEN')
  public async create(@Request() req: AuthenticatedRequest, @Body() body: CreatePromotionRequest): Promise<PromotionResponse> {
    const { minSubtotalMinor: _renamed, ...request } = body;
    const promotion = await createPromotion(this.db, req.user, {
      ...request,
      minSubtotalCents: renamedField<CreatePromotionRequest, number>(body, 'minSubtotalMinor', 'minSubtotalCents'),
    });
    this.setStatus(201);
    this.setHeader('Location', `/promotions/${promotion.id}`);
    return toPromotionResponse(promotion);
  }

  /**
   * Promotions, newest first, with how often each was used.
   * @summary List promotions
   */
  @Get()
  public async list(@Request() req: AuthenticatedRequest, @Query() limit?: number, @Query() cursor?: string): Promise<PromotionPageResponse> {
    const page = await listPromotions(this.db, req.user, { limit, cursor });
    return { items: page.items.map(toPromotionResponse), nextCursor: page.nextCursor };
  }

  /** @summary Read a promotion */
  @Get('{promotionId}')
  @Response<Problem>(404, 'ORDERS.PROMOTION_NOT_FOUND')
  public async get(@Request() req: AuthenticatedRequest, @Path() promotionId: string): Promise<PromotionResponse> {
    return toPromotionResponse(await getPromotion(this.db, req.user, promotionId));
  }

  /**
   * Deactivates a promotion, or changes its end date or limits.
   * @summary Change a promotion
   */
  @Patch('{promotionId}')
  @Response<Problem>(404, 'ORDERS.PROMOTION_NOT_FOUND')
  @Response<Problem>(409, 'ORDERS.PROMOTION_LIMIT_BELOW_USES')
  public async change(@Request() req: AuthenticatedRequest, @Path() promotionId: string, @Body() body: ChangePromotionRequest): Promise<PromotionResponse> {
    return toPromotionResponse(await changePromotion(this.db, req.user, promotionId, body));
  }
}
