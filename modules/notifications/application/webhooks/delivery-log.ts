import { randomUUID } from 'node:crypto';
import { Keyset, type Page } from '../../../../src/paging/keyset';
import { pageSize, pageSizeProblem } from '../../../../src/paging/page-size';
import { isUuid } from '../../../../src/validation/uuid';
import { NotificationErrors } from '../../domain/notifications.errors';
import { PING_EVENT_TYPE } from '../../domain/webhooks/webhook-event-types';
import type { DeliveryStatus, WebhookDelivery } from '../../domain/webhooks/webhook-delivery';
import { findDelivery, insertDeliveries, listDeliveries as queryDeliveries } from '../../infrastructure/webhooks/webhook-delivery.repository';
import { getEnabledEndpoint, getEndpoint } from './manage-endpoints';
import type { WebhooksDependencies } from './webhooks-dependencies';

// Newest first by the insertion sequence.
const DELIVERIES = new Keyset('webhook-deliveries', ['integer'] as const);

export interface DeliveryQuery {
  status?: DeliveryStatus;
  eventId?: string;
  limit?: number;
  cursor?: string;
}

/** An endpoint's delivery log, newest first: what was sent, how each attempt went, when the next one is. */
export async function listDeliveries(deps: Pick<WebhooksDependencies, 'db'>, endpointId: string, query: DeliveryQuery): Promise<Page<WebhookDelivery>> {
  await getEndpoint(deps, endpointId);
  const limitProblem = pageSizeProblem(query.limit);
  if (limitProblem) throw NotificationErrors.invalidLimit(limitProblem);
  if (query.eventId !== undefined && !isUuid(query.eventId)) throw NotificationErrors.invalidEventId();
  const after = DELIVERIES.after(query.cursor, NotificationErrors.invalidCursor);
  return DELIVERIES.page(
    pageSize(query.limit),
    (rows) => queryDeliveries(deps.db, endpointId, { status: query.status, eventId: query.eventId?.toLowerCase() }, after?.[0], rows),
    (delivery) => [delivery.seq],
  );
}

export async function getDelivery(deps: Pick<WebhooksDependencies, 'db'>, deliveryId: string): Promise<WebhookDelivery> {
  const delivery = await findDelivery(deps.db, deliveryId);
  if (!delivery) throw NotificationErrors.webhookDeliveryNotFound(deliveryId);
  return delivery;
}

/**
 * Sends a delivery's event again as a new delivery (same body and `webhook-id`), queued behind whatever its lane
 * holds: the original keeps its record.
 */
export async function redeliver(deps: Pick<WebhooksDependencies, 'db'>, deliveryId: string): Promise<WebhookDelivery> {
  const original = await getDelivery(deps, deliveryId);
  const endpoint = await getEnabledEndpoint(deps, original.endpointId);
  const [queued] = await insertDeliveries(deps.db, [
    { id: randomUUID(), endpointId: endpoint.id, eventId: original.eventId, eventType: original.eventType, aggregateId: original.aggregateId, kind: 'redelivery', body: original.body },
  ]);
  return queued;
}

/** Queues a test event (`webhooks.Ping`) for the endpoint, signed like any other. */
export async function ping(deps: Pick<WebhooksDependencies, 'db'>, endpointId: string, now = new Date()): Promise<WebhookDelivery> {
  const endpoint = await getEnabledEndpoint(deps, endpointId);
  const eventId = randomUUID();
  const body = JSON.stringify({
    type: PING_EVENT_TYPE,
    timestamp: now.toISOString(),
    aggregateId: endpoint.id,
    data: { endpointId: endpoint.id, message: 'A test event: this endpoint receives Mart webhooks.' },
  });
  const [queued] = await insertDeliveries(deps.db, [{ id: randomUUID(), endpointId: endpoint.id, eventId, eventType: PING_EVENT_TYPE, aggregateId: endpoint.id, kind: 'ping', body }]);
  return queued;
}
