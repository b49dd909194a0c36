import { Body, Controller, Delete, Get, Patch, Path, Post, Query, Response, Route, Security, SuccessResponse, Tags } from '@tsoa/runtime';
import type { Knex } from 'knex';
import type { Problem } from '../../../../src/http/problem-details';
import { changeTaxRegion, createTaxRegion, deleteTaxRegion, getTaxRegion, listTaxRegions } from '../../application/tax/manage-tax-regions';
import type { ShippingId } from '../shipping/shipping.dto';
import type { ChangeTaxRegionRequest, TaxRegionRequest, TaxRegionResponse } from './tax-regions.dto';

@Route('tax-regions')
@Tags('Shipping and tax')
@Security('jwt', ['admin'])
export class TaxRegionsController extends Controller {
  constructor(private readonly db: Knex) {
    super();
  }

  /** @summary List tax regions, optionally of one country */
  @Get()
  @Response<Problem>(403, 'AUTH.FORBIDDEN: admins only')
  public async list(@Query() country?: string): Promise<TaxRegionResponse[]> {
    return listTaxRegions(this.db, country);
  }

  /** @summary Read a tax region */
  @Get('{taxRegionId}')
  @Response<Problem>(404, 'No such tax region')
  public async get(@Path() taxRegionId: ShippingId): Promise<TaxRegionResponse> {
    return getTaxRegion(this.db, taxRegionId);
  }

  /**
   * How a country, or a region of it, taxes: a rate per tax class in basis points (1900 = 19 %), whether catalogue
   * prices include tax there, and whether shipping is taxed (at the standard rate). A region's entry wins over its
   * country's; a destination without one is untaxed.
   * @summary Add a tax region
   */
  @Post()
  @SuccessResponse(201, 'Created')
  @Response<Problem>(400, 'Invalid tax region')
  @Response<Problem>(409, 'ORDERS.TAX_REGION_EXISTS')
  public async create(@Body() body: TaxRegionRequest): Promise<TaxRegionResponse> {
    const region = await createTaxRegion(this.db, body);
    this.setStatus(201);
    this.setHeader('Location', `/tax-regions/${region.id}`);
    return region;
  }

  /** @summary Change a tax region's rates or settings (placed orders keep their tax) */
  @Patch('{taxRegionId}')
  @Response<Problem>(400, 'Invalid changes')
  @Response<Problem>(404, 'No such tax region')
  public async change(@Path() taxRegionId: ShippingId, @Body() body: ChangeTaxRegionRequest): Promise<TaxRegionResponse> {
    return changeTaxRegion(this.db, taxRegionId, body);
  }

  /** @summary Delete a tax region */
  @Delete('{taxRegionId}')
  @SuccessResponse(204, 'Deleted')
  @Response<Problem>(404, 'No such tax region')
  public async remove(@Path() taxRegionId: ShippingId): Promise<void> {
    await deleteTaxRegion(this.db, taxRegionId);
    this.setStatus(204);
  }
}
