import { Body, Controller, Delete, Get, Patch, Path, Post, Query, Response, Route, Security, SuccessResponse, Tags } from '@tsoa/runtime';
import type { Knex } from 'knex';
import type { Problem } from '../../../../src/http/problem-details';
import { changeShippingOption, createShippingOption, deleteShippingOption, getShippingOption, listShippingOptions } from '../../application/shipping/manage-shipping-options';
import { toOptionResponse, type ChangeShippingOptionRequest, type ShippingId, type ShippingOptionRequest, type ShippingOptionResponse } from './shipping.dto';

@Route('shipping-options')
@Tags('Shipping and tax')
@Security('jwt', ['admin'])
export class ShippingOptionsController extends Controller {
  constructor(private readonly db: Knex) {
    super();
  }

  /**
   * Every shipping option, or those of one zone. Shoppers see the options for their cart at GET /cart/shipping-options.
   * @summary List shipping options
   */
  @Get()
  @Response<Problem>(403, 'AUTH.FORBIDDEN: admins only')
  public async list(@Query() zoneId?: ShippingId): Promise<ShippingOptionResponse[]> {
    return (await listShippingOptions(this.db, zoneId)).map(toOptionResponse);
  }

  /** @summary Read a shipping option */
  @Get('{optionId}')
  @Response<Problem>(404, 'No such option')
  public async get(@Path() optionId: ShippingId): Promise<ShippingOptionResponse> {
    return toOptionResponse(await getShippingOption(this.db, optionId));
  }

  /** @summary Add a shipping option to a zone: a price, optionally free above a subtotal, optionally by weight bands */
  @Post()
  @SuccessResponse(201, 'Created')
  @Response<Problem>(400, 'Invalid option, or no such zone')
  public async create(@Body() body: ShippingOptionRequest): Promise<ShippingOptionResponse> {
    const option = await createShippingOption(this.db, body);
    this.setStatus(201);
    this.setHeader('Location', `/shipping-options/${option.id}`);
    return toOptionResponse(option);
  }

  /** @summary Change a shipping option (placed orders keep the shipping they were sold with) */
  @Patch('{optionId}')
  @Response<Problem>(400, 'Invalid changes')
  @Response<Problem>(404, 'No such option')
  public async change(@Path() optionId: ShippingId, @Body() body: ChangeShippingOptionRequest): Promise<ShippingOptionResponse> {
    return toOptionResponse(await changeShippingOption(this.db, optionId, body));
  }

  /** @summary Delete a shipping option */
  @Delete('{optionId}')
  @SuccessResponse(204, 'Deleted')
  @Response<Problem>(404, 'No such option')
  public async remove(@Path() optionId: ShippingId): Promise<void> {
    await deleteShippingOption(this.db, optionId);
    this.setStatus(204);
  }
}
