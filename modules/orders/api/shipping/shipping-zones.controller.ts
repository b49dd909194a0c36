import { Body, Controller, Delete, Get, Patch, Path, Post, Response, Route, Security, SuccessResponse, Tags } from '@tsoa/runtime';
import type { Knex } from 'knex';
import type { Problem } from '../../../../src/http/problem-details';
import { changeShippingZone, createShippingZone, deleteShippingZone, getShippingZone, listShippingZones } from '../../application/shipping/manage-shipping-zones';
import { toZoneResponse, type ChangeShippingZoneRequest, type ShippingId, type ShippingZoneRequest, type ShippingZoneResponse } from './shipping.dto';

@Route('shipping-zones')
@Tags('Shipping and tax')
@Security('jwt', ['admin'])
export class ShippingZonesController extends Controller {
  constructor(private readonly db: Knex) {
    super();
  }

  /** @summary List shipping zones */
  @Get()
  @Response<Problem>(403, 'AUTH.FORBIDDEN: admins only')
  public async list(): Promise<ShippingZoneResponse[]> {
    return (await listShippingZones(this.db)).map(toZoneResponse);
  }

  /** @summary Read a shipping zone */
  @Get('{zoneId}')
  @Response<Problem>(404, 'No such zone')
  public async get(@Path() zoneId: ShippingId): Promise<ShippingZoneResponse> {
    return toZoneResponse(await getShippingZone(this.db, zoneId));
  }

  /** @summary Add a shipping zone: the countries (and, optionally, postcode prefixes) its options deliver to */
  @Post()
  @SuccessResponse(201, 'Created')
  @Response<Problem>(400, 'Invalid zone')
  public async create(@Body() body: ShippingZoneRequest): Promise<ShippingZoneResponse> {
    const zone = await createShippingZone(this.db, body);
    this.setStatus(201);
    this.setHeader('Location', `/shipping-zones/${zone.id}`);
    return toZoneResponse(zone);
  }

  /** @summary Change a shipping zone */
  @Patch('{zoneId}')
  @Response<Problem>(400, 'Invalid changes')
  @Response<Problem>(404, 'No such zone')
  public async change(@Path() zoneId: ShippingId, @Body() body: ChangeShippingZoneRequest): Promise<ShippingZoneResponse> {
    return toZoneResponse(await changeShippingZone(this.db, zoneId, body));
  }

  /** @summary Delete a shipping zone and its options (placed orders keep the shipping they were sold with) */
  @Delete('{zoneId}')
  @SuccessResponse(204, 'Deleted')
  @Response<Problem>(404, 'No such zone')
  public async remove(@Path() zoneId: ShippingId): Promise<void> {
    await deleteShippingZone(this.db, zoneId);
    this.setStatus(204);
  }
}
