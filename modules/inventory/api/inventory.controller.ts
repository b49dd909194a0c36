import { Body, Controller, Get, Header, Path, Post, Put, Query, Request, Response, Route, Security, SuccessResponse, Tags } from '@tsoa/runtime';
import type { Knex } from 'knex';
import type { AuthenticatedRequest } from '../../../src/http/authentication';
import type { Problem } from '../../../src/http/problem-details';
import { adjustStock } from '../application/adjust-stock';
import { getStockAvailability, getStockItem } from '../application/get-stock-level';
import { listAdjustments, type StockAdjustmentPage } from '../application/list-adjustments';
import { listStockItems, type StockItemPage } from '../application/list-stock-items';
import { setLowStockThreshold } from '../application/set-low-stock-threshold';
import type { StockAdjustmentView, StockAvailabilityView, StockItemView } from '../application/stock-views';
import type { AdjustStockRequest, StockPageLimit, StockId, SetLowStockThresholdRequest } from './inventory.dto';

@Route('inventory')
@Tags('Inventory')
export class InventoryController extends Controller {
  constructor(private readonly db: Knex) {
    super();
  }

  /**
   * Stock items (one per variant) for the back office, by variant id.
   * @param lowStock true: only items whose available stock is at or below their threshold; false: only the others.
   * @param cursor The `nextCursor` of the previous page.
   * @summary List stock items
   */
  @Get()
  @Security('jwt', ['admin'])
  @Response<Problem>(400, 'Invalid query or cursor')
  public async list(@Query() lowStock?: boolean, @Query() limit?: StockPageLimit, @Query() cursor?: string): Promise<StockItemPage> {
    return listStockItems(this.db, { lowStock, limit, cursor });
  }

  /**
   * Whether a variant can be ordered: IN_STOCK, LOW_STOCK (at or below its threshold) or OUT_OF_STOCK.
   * Exact counts are for admins (`GET /inventory/{variantId}/level`).
   * @summary Read a variant's availability
   */
  @Get('{variantId}')
  @Response<Problem>(404, 'No stock is kept for this variant')
  public async get(@Path() variantId: StockId): Promise<StockAvailabilityView> {
    return getStockAvailability(this.db, variantId);
  }

  /**
   * How many units of a variant are on hand, reserved for orders, and still available, at each location and in sum, with its threshold.
   * @summary Read a variant's stock level
   */
  @Get('{variantId}/level')
  @Security('jwt', ['admin'])
  @Response<Problem>(404, 'No stock is kept for this variant')
  public async level(@Path() variantId: StockId): Promise<StockItemView> {
    return getStockItem(this.db, variantId);
  }

  /**
   * Add or remove stock by hand at one location (the default one unless `locationId` names another). Stock at a location cannot go below zero nor below what is reserved for orders there (409).
   * Send an Idempotency-Key to make retries safe: a repeat returns the first result with `Idempotent-Replayed: true`.
   * @summary Adjust stock by hand
   */
  @Post('{variantId}/adjustments')
  @Security('jwt', ['admin'])
  @SuccessResponse(201, 'Adjusted')
  @Response<Problem>(400, 'Invalid adjustment')
  @Response<Problem>(404, 'No stock is kept for this variant')
  @Response<Problem>(409, 'INVENTORY.INSUFFICIENT_STOCK')
  @Response<Problem>(422, 'REQUEST.IDEMPOTENCY_KEY_REUSED')
  public async adjust(
    @Path() variantId: StockId,
    @Body() body: AdjustStockRequest,
    @Request() req: AuthenticatedRequest,
    @Header('Idempotency-Key') idempotencyKey?: string,
  ): Promise<StockAdjustmentView> {
    const { adjustment, replayed } = await adjustStock(this.db, {
      variantId,
      delta: body.delta,
      reason: body.reason,
      note: body.note,
      locationId: body.locationId,
      actorUserId: req.user.userId,
      idempotencyKey,
    });
    this.setStatus(201);
    if (replayed) this.setHeader('Idempotent-Replayed', 'true');
    return adjustment;
  }

  /**
   * The audit trail of a variant's manual and order-driven adjustments, newest first.
   * @summary List a variant's stock adjustments
   */
  @Get('{variantId}/adjustments')
  @Security('jwt', ['admin'])
  @Response<Problem>(404, 'No stock is kept for this variant')
  public async adjustments(
    @Path() variantId: StockId,
    @Query() limit?: StockPageLimit,
    @Query() cursor?: string,
  ): Promise<StockAdjustmentPage> {
    return listAdjustments(this.db, variantId, { limit, cursor });
  }

  /** @summary Set the low-stock threshold */
  @Put('{variantId}/low-stock-threshold')
  @Security('jwt', ['admin'])
  @Response<Problem>(404, 'No stock is kept for this variant')
  public async setThreshold(@Path() variantId: StockId, @Body() body: SetLowStockThresholdRequest): Promise<StockItemView> {
    return setLowStockThreshold(this.db, variantId, body.threshold);
  }
}
