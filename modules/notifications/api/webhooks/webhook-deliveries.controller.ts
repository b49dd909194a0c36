import { Controller, Get, Path, Post, Response, Route, Security, SuccessResponse, Tags } from '@tsoa/runtime';
import type { Problem } from '../../../../src/http/problem-details';
import { getDelivery, redeliver } from '../../application/webhooks/delivery-log';
import type { WebhooksDependencies } from '../../application/webhooks/webhooks-dependencies';
import { toDeliveryDto, type WebhookDeliveryDto, type WebhookId } from './webhooks.dto';

@Route('webhook-deliveries')
@Tags('Webhooks')
@Security('jwt', ['admin'])
@Response<Problem>(401, 'Missing or invalid access token')
@Response<Problem>(403, 'AUTH.FORBIDDEN: admins only')
@Response<Problem>(404, 'NOTIFICATIONS.WEBHOOK_DELIVERY_NOT_FOUND')
export class WebhookDeliveriesController extends Controller {
  constructor(private readonly deps: WebhooksDependencies) {
    super();
  }

  /** @summary Read a delivery, with the body sent */
  @Get('{deliveryId}')
  public async get(@Path() deliveryId: WebhookId): Promise<WebhookDeliveryDto> {
    return toDeliveryDto(await getDelivery(this.deps, deliveryId));
  }

  /**
   * Queues the delivery's event again, as a new delivery with the same body and `webhook-id` (receivers that
   * already have it drop it), behind whatever the endpoint still has queued for that aggregate.
   * @summary Redeliver an event
   */
  @Post('{deliveryId}/redeliver')
  @SuccessResponse(202, 'Queued')
  @Response<Problem>(409, 'NOTIFICATIONS.WEBHOOK_ENDPOINT_DISABLED')
  public async redeliver(@Path() deliveryId: WebhookId): Promise<WebhookDeliveryDto> {
    const delivery = await redeliver(this.deps, deliveryId);
    this.setStatus(202);
    return toDeliveryDto(delivery);
  }
}
