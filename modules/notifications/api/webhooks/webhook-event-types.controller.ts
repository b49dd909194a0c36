import { Controller, Get, Response, Route, Security, Tags } from '@tsoa/runtime';
import type { Problem } from '../../../../src/http/problem-details';
import { webhookEventTypes } from '../../application/webhooks/webhook-events';

@Route('webhook-event-types')
@Tags('Webhooks')
@Security('jwt', ['admin'])
export class WebhookEventTypesController extends Controller {
  /**
   * Every event type an endpoint can subscribe to (`<module>.<Event>`), from the streams' contracts; `*` is every one.
   * @summary List webhook event types
   */
  @Get()
  @Response<Problem>(401, 'Missing or invalid access token')
  @Response<Problem>(403, 'AUTH.FORBIDDEN: admins only')
  public list(): string[] {
    return [...webhookEventTypes()];
  }
}
