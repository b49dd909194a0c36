import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { Envelope, EventStream } from '../../../../proto/streams';
import type { DeliveryKind, NewDelivery } from '../../domain/webhooks/webhook-delivery';
import { receivesLive, subscribesTo, type WebhookEndpoint } from '../../domain/webhooks/webhook-endpoint';
import { insertDeliveries } from '../../infrastructure/webhooks/webhook-delivery.repository';
import { enabledSubscriptions } from '../../infrastructure/webhooks/webhook-endpoint.repository';
import { webhookEventOf } from './webhook-events';

/**
 * Fans consumed events out to the enabled endpoints that receive them (`receivesLive`): one PENDING delivery per
 * (endpoint, event), in one statement for the whole batch, in the batch's order (so each aggregate's deliveries are
 * queued in its events' order). An event already fanned out is not queued again.
 */
export async function queueWebhookDeliveries(trx: Knex.Transaction, stream: EventStream, envelopes: readonly Envelope[], maxBodyBytes: number): Promise<void> {
  const endpoints = await enabledSubscriptions(trx);
  if (endpoints.length === 0) return;
  const receives = (endpoint: (typeof endpoints)[number], eventType: string, envelope: Envelope) => receivesLive(endpoint, eventType, new Date(envelope.occurredAt));
  await queueFor(trx, endpoints, stream, envelopes, 'event', maxBodyBytes, receives);
}

/**
 * Queues the events for the given endpoints as deliveries of `kind`, to each endpoint those it `receives` (by
 * default, those of its types); those over the size cap are recorded FAILED.
 */
export async function queueFor<E extends Pick<WebhookEndpoint, 'id' | 'eventTypes'>>(
  trx: Knex.Transaction | Knex,
  endpoints: readonly E[],
  stream: EventStream,
  envelopes: readonly Envelope[],
  kind: DeliveryKind,
  maxBodyBytes: number,
  receives: (endpoint: E, eventType: string, envelope: Envelope) => boolean = (endpoint, eventType) => subscribesTo(endpoint, eventType),
): Promise<number> {
  const sendable: NewDelivery[] = [];
  const oversized: NewDelivery[] = [];
  for (const envelope of envelopes) {
    const event = webhookEventOf(stream, envelope);
    const subscribers = endpoints.filter((endpoint) => receives(endpoint, event.eventType, envelope));
    if (subscribers.length === 0) continue;
    const tooLarge = Buffer.byteLength(event.body) > maxBodyBytes;
    for (const endpoint of subscribers) (tooLarge ? oversized : sendable).push({ id: randomUUID(), endpointId: endpoint.id, kind, ...event });
  }
  await insertDeliveries(trx, sendable);
  await insertDeliveries(trx, oversized, `the event's body is larger than the ${maxBodyBytes}-byte cap`);
  return sendable.length;
}
