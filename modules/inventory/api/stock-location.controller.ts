import { Body, Controller, Delete, Get, Patch, Path, Post, Response, Route, Security, SuccessResponse, Tags } from '@tsoa/runtime';
import type { Knex } from 'knex';
import type { Problem } from '../../../src/http/problem-details';
import { changeStockLocation } from '../application/change-stock-location';
import { createStockLocation } from '../application/create-stock-location';
import { deleteStockLocation } from '../application/delete-stock-location';
import { getStockLocation, listStockLocations } from '../application/list-stock-locations';
import type { StockLocationView } from '../application/stock-location-view';
import type { ChangeStockLocationRequest, StockLocationRequest, StockId } from './inventory.dto';

@Route('stock-locations')
@Tags('Inventory')
@Security('jwt', ['admin'])
export class StockLocationController extends Controller {
  constructor(private readonly db: Knex) {
    super();
  }

  /** @summary List stock locations, by priority */
  @Get()
  @Response<Problem>(403, 'AUTH.FORBIDDEN: admins only')
  public async list(): Promise<StockLocationView[]> {
    return listStockLocations(this.db);
  }

  /** @summary Read a stock location */
  @Get('{locationId}')
  @Response<Problem>(404, 'No such location')
  public async get(@Path() locationId: StockId): Promise<StockLocationView> {
    return getStockLocation(this.db, locationId);
  }

  /** @summary Add a stock location */
  @Post()
  @SuccessResponse(201, 'Created')
  @Response<Problem>(400, 'Invalid location')
  @Response<Problem>(409, 'INVENTORY.LOCATION_CODE_TAKEN')
  public async create(@Body() body: StockLocationRequest): Promise<StockLocationView> {
    const location = await createStockLocation(this.db, body);
    this.setStatus(201);
    this.setHeader('Location', `/stock-locations/${location.id}`);
    return location;
  }

  /**
   * Rename, re-prioritise or (de)activate a location. A deactivated location keeps its stock and its reservations
   * (those orders are still filled from it) but is allocated nothing new.
   * @summary Change a stock location
   */
  @Patch('{locationId}')
  @Response<Problem>(400, 'Invalid changes')
  @Response<Problem>(404, 'No such location')
  @Response<Problem>(409, 'INVENTORY.LOCATION_CODE_TAKEN')
  public async change(@Path() locationId: StockId, @Body() body: ChangeStockLocationRequest): Promise<StockLocationView> {
    return changeStockLocation(this.db, locationId, body);
  }

  /**
   * Delete a location that never held stock. One with stock or stock history is refused: deactivate it instead.
   * @summary Delete a stock location
   */
  @Delete('{locationId}')
  @SuccessResponse(204, 'Deleted')
  @Response<Problem>(404, 'No such location')
  @Response<Problem>(409, 'INVENTORY.LOCATION_IN_USE')
  public async remove(@Path() locationId: StockId): Promise<void> {
    await deleteStockLocation(this.db, locationId);
    this.setStatus(204);
  }
}
