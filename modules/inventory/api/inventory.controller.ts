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
import type { AdjustStockRequest, StockPageLimit, StockProductId, SetLowStockThresholdRequest } from './inventory.dto';

@Route('inventory')
@Tags('Inventory')
export class InventoryController extends Controller {
  constructor(private readonly db: Knex) {
    super();
  }

  /**
   * Stock items for the back office, by product id.
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
   * Whether a product can be ordered: IN_STOCK, LOW_STOCK (at or below its threshold) or OUT_OF_STOCK.
   * Exact counts are for admins (`GET /inventory/{productId}/level`).
   * @summary Read a product's availability
   */
  @Get('{productId}')
  @Response<Problem>(404, 'No stock is kept for this product')
  public async get(@Path() productId: StockProductId): Promise<StockAvailabilityView> {
    return getStockAvailability(this.db, productId);
  }

  /**
   * How many units of a product are on hand, reserved for orders, and still available, with its threshold.
   * @summary Read a product's stock level
   */
  @Get('{productId}/level')
  @Security('jwt', ['admin'])
  @Response<Problem>(404, 'No stock is kept for this product')
  public async level(@Path() productId: StockProductId): Promise<StockItemView> {
    return getStockItem(this.db, productId);
  }

  /**
   * Add or remove stock by hand. Stock cannot go below zero nor below what is reserved for orders (409).
   * Send an Idempotency-Key to make retries safe: a repeat returns the first result with `Idempotent-Replayed: true`.
   * @summary Adjust stock by hand
   */
  @Post('{productId}/adjustments')
  @Security('jwt', ['admin'])
  @SuccessResponse(201, 'Adjusted')
  @Response<Problem>(400, 'Invalid adjustment')
  @Response<Problem>(404, 'No stock is kept for this product')
  @Response<Problem>(409, 'INVENTORY.INSUFFICIENT_STOCK')
  @Response<Problem>(422, 'REQUEST.IDEMPOTENCY_KEY_REUSED')
  public async adjust(
    @Path() productId: StockProductId,
    @Body() body: AdjustStockRequest,
    @Request() req: AuthenticatedRequest,
    @Header('Idempotency-Key') idempotencyKey?: string,
  ): Promise<StockAdjustmentView> {
    const { adjustment, replayed } = await adjustStock(this.db, {
      productId,
      delta: body.delta,
      reason: body.reason,
      note: body.note,
      actorUserId: req.user.userId,
      idempotencyKey,
    });
    this.setStatus(201);
    if (replayed) this.setHeader('Idempotent-Replayed', 'true');
    return adjustment;
  }

  /**
   * The audit trail of a product's manual and order-driven adjustments, newest first.
   * @summary List a product's stock adjustments
   */
  @Get('{productId}/adjustments')
  @Security('jwt', ['admin'])
  @Response<Problem>(404, 'No stock is kept for this product')
  public async adjustments(
    @Path() productId: StockProductId,
    @Query() limit?: StockPageLimit,
    @Query() cursor?: string,
  ): Promise<StockAdjustmentPage> {
    return listAdjustments(this.db, productId, { limit, cursor });
  }

  /** @summary Set the low-stock threshold */
  @Put('{productId}/low-stock-threshold')
  @Security('jwt', ['admin'])
  @Response<Problem>(404, 'No stock is kept for this product')
  public async setThreshold(@Path() productId: StockProductId, @Body() body: SetLowStockThresholdRequest): Promise<StockItemView> {
    return setLowStockThreshold(this.db, productId, body.threshold);
  }
}
