import { Body, Controller, Delete, Get, Patch, Path, Post, Query, Response, Route, Security, SuccessResponse, Tags } from '@tsoa/runtime';
import type { Problem } from '../../../../src/http/problem-details';
import { listDeliveries, ping } from '../../application/webhooks/delivery-log';
import { changeEndpoint, createEndpoint, deleteEndpoint, getEndpoint, listEndpoints, rotateSecret } from '../../application/webhooks/manage-endpoints';
import { replayEvents } from '../../application/webhooks/replay-events';
import type { WebhooksDependencies } from '../../application/webhooks/webhooks-dependencies';
import type { DeliveryStatus } from '../../domain/webhooks/webhook-delivery';
import {
  toDeliveryDto,
  toEndpointDto,
  type ReplayDto,
  type ReplayRequest,
  type RotateSecretRequest,
  type WebhookDeliveryDto,
  type WebhookDeliveryListDto,
  type WebhookEndpointChangeRequest,
  type WebhookEndpointDto,
  type WebhookEndpointListDto,
  type WebhookEndpointRequest,
  type WebhookEndpointWithSecretDto,
  type WebhookId,
} from './webhooks.dto';

/** Admins register where events are POSTed; see the Webhooks tag for headers, signatures, retries and ordering. */
@Route('webhook-endpoints')
@Tags('Webhooks')
@Security('jwt', ['admin'])
@Response<Problem>(401, 'Missing or invalid access token')
@Response<Problem>(403, 'AUTH.FORBIDDEN: admins only')
export class WebhookEndpointsController extends Controller {
  constructor(private readonly deps: WebhooksDependencies) {
    super();
  }

  /**
   * Registers an endpoint. The answer holds its signing secret, shown only this once.
   * @summary Register a webhook endpoint
   */
  @Post()
  @SuccessResponse(201, 'Created')
  @Response<Problem>(400, 'Invalid request')
  @Response<Problem>(422, 'NOTIFICATIONS.WEBHOOK_URL_REFUSED or NOTIFICATIONS.UNKNOWN_EVENT_TYPE')
  public async create(@Body() body: WebhookEndpointRequest): Promise<WebhookEndpointWithSecretDto> {
    const { endpoint, secret } = await createEndpoint(this.deps, body);
    this.setStatus(201);
    this.setHeader('Location', `/webhook-endpoints/${endpoint.id}`);
    return { endpoint: toEndpointDto(endpoint), secret };
  }

  /**
   * @param limit Page size, 1 to 100 (default 20).
   * @param cursor `nextCursor` of the previous page.
   * @summary List webhook endpoints, newest first
   */
  @Get()
  @Response<Problem>(400, 'Invalid limit or cursor')
  public async list(@Query() limit?: number, @Query() cursor?: string): Promise<WebhookEndpointListDto> {
    const page = await listEndpoints(this.deps, { limit, cursor });
    return { items: page.items.map((endpoint) => toEndpointDto(endpoint)), nextCursor: page.nextCursor };
  }

  /** @summary Read a webhook endpoint */
  @Get('{endpointId}')
  @Response<Problem>(404, 'NOTIFICATIONS.WEBHOOK_ENDPOINT_NOT_FOUND')
  public async get(@Path() endpointId: WebhookId): Promise<WebhookEndpointDto> {
    return toEndpointDto(await getEndpoint(this.deps, endpointId));
  }

  /**
   * Changes the URL, the event types, the description, or whether it is enabled. Enabling a disabled endpoint clears
   * its failure record; events of the time it was disabled are not queued for it (replay them).
   * @summary Change a webhook endpoint
   */
  @Patch('{endpointId}')
  @Response<Problem>(400, 'Invalid request')
  @Response<Problem>(404, 'NOTIFICATIONS.WEBHOOK_ENDPOINT_NOT_FOUND')
  @Response<Problem>(422, 'NOTIFICATIONS.WEBHOOK_URL_REFUSED or NOTIFICATIONS.UNKNOWN_EVENT_TYPE')
  public async change(@Path() endpointId: WebhookId, @Body() body: WebhookEndpointChangeRequest): Promise<WebhookEndpointDto> {
    return toEndpointDto(await changeEndpoint(this.deps, endpointId, body));
  }

  /** @summary Delete a webhook endpoint and its delivery log */
  @Delete('{endpointId}')
  @SuccessResponse(204, 'Deleted')
  @Response<Problem>(404, 'NOTIFICATIONS.WEBHOOK_ENDPOINT_NOT_FOUND')
  public async remove(@Path() endpointId: WebhookId): Promise<void> {
    await deleteEndpoint(this.deps, endpointId);
    this.setStatus(204);
  }

  /**
   * Makes a new signing secret (shown only in this answer). The old one keeps signing beside it — each delivery then
   * carries two signatures — until `oldSecretExpiresInHours` (default 24), so receivers can switch without a gap.
   * @summary Rotate an endpoint's signing secret
   */
  @Post('{endpointId}/rotate-secret')
  @Response<Problem>(400, 'Invalid request')
  @Response<Problem>(404, 'NOTIFICATIONS.WEBHOOK_ENDPOINT_NOT_FOUND')
  public async rotateSecret(@Path() endpointId: WebhookId, @Body() body?: RotateSecretRequest): Promise<WebhookEndpointWithSecretDto> {
    const { endpoint, secret } = await rotateSecret(this.deps, endpointId, body?.oldSecretExpiresInHours);
    return { endpoint: toEndpointDto(endpoint), secret };
  }

  /**
   * The endpoint's deliveries, newest first: status, attempts, last response code, duration and body excerpt, and
   * when the next attempt is due.
   * @param status Only deliveries in this state.
   * @param eventId Only the deliveries of this event.
   * @param limit Page size, 1 to 100 (default 20).
   * @param cursor `nextCursor` of the previous page.
   * @summary List an endpoint's deliveries
   */
  @Get('{endpointId}/deliveries')
  @Response<Problem>(400, 'Invalid limit, cursor, status or eventId')
  @Response<Problem>(404, 'NOTIFICATIONS.WEBHOOK_ENDPOINT_NOT_FOUND')
  public async deliveries(
    @Path() endpointId: WebhookId,
    @Query() status?: DeliveryStatus,
    @Query() eventId?: string,
    @Query() limit?: number,
    @Query() cursor?: string,
  ): Promise<WebhookDeliveryListDto> {
    const page = await listDeliveries(this.deps, endpointId, { status, eventId, limit, cursor });
    return { items: page.items.map(toDeliveryDto), nextCursor: page.nextCursor };
  }

  /**
   * Sends again every subscribed event published in [from, to), read back from Kafka: as far back as the topics'
   * retention reaches (`truncated` says when the range starts before it). Each aggregate's events go in order,
   * behind whatever the endpoint still has queued. At most WEBHOOK_REPLAY_MAX_EVENTS events are read per call
   * (`limitReached`).
   * @summary Replay a time range of events
   */
  @Post('{endpointId}/replay')
  @SuccessResponse(202, 'Queued')
  @Response<Problem>(400, 'NOTIFICATIONS.INVALID_REPLAY_RANGE')
  @Response<Problem>(404, 'NOTIFICATIONS.WEBHOOK_ENDPOINT_NOT_FOUND')
  @Response<Problem>(409, 'NOTIFICATIONS.WEBHOOK_ENDPOINT_DISABLED')
  public async replay(@Path() endpointId: WebhookId, @Body() body: ReplayRequest): Promise<ReplayDto> {
    const result = await replayEvents(this.deps, endpointId, body);
    this.setStatus(202);
    return result;
  }

  /**
   * Queues a signed test event of type `webhooks.Ping`; its delivery shows in the log like any other.
   * @summary Send a test event
   */
  @Post('{endpointId}/ping')
  @SuccessResponse(202, 'Queued')
  @Response<Problem>(404, 'NOTIFICATIONS.WEBHOOK_ENDPOINT_NOT_FOUND')
  @Response<Problem>(409, 'NOTIFICATIONS.WEBHOOK_ENDPOINT_DISABLED')
  public async ping(@Path() endpointId: WebhookId): Promise<WebhookDeliveryDto> {
    const delivery = await ping(this.deps, endpointId);
    this.setStatus(202);
    return toDeliveryDto(delivery);
  }
}
