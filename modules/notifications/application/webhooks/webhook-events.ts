import { eventTypeName, type Envelope, type EventStream } from '../../../../proto/streams';
import { eventCatalog } from '../../../../src/messaging/event-catalog';
import { webhookEventType } from '../../domain/webhooks/webhook-event-types';

let types: readonly string[] | undefined;

/** Every event type an endpoint may subscribe to, from the streams' contracts: `orders.OrderPlaced`, … */
export function webhookEventTypes(): readonly string[] {
  types ??= eventCatalog()
    .flatMap(({ stream, cases }) => cases.map(({ eventCase }) => webhookEventType(stream.module, eventCase)))
    .sort();
  return types;
}

/** The event as an integrator reads it, and its webhook type. */
export interface WebhookEvent {
  eventId: string;
  eventType: string;
  aggregateId: string;
  body: string;
}

/**
 * The JSON body of an event's webhook: the Standard Webhooks payload shape (`type`, `timestamp`, `data`) with the
 * aggregate id, `data` the event's protobuf payload in the proto3 JSON mapping (lowerCamelCase fields, 64-bit
 * integers as strings, enums by name, defaults included), and the event's CloudEvents attributes.
 */
export function webhookEventOf(stream: EventStream, envelope: Envelope): WebhookEvent {
  const eventCase = envelope.event ?? '';
  const eventType = webhookEventType(stream.module, eventCase);
  const message = stream.codec.toObject(envelope, { longs: String, enums: String, defaults: true, json: true });
  const body = {
    type: eventType,
    timestamp: envelope.occurredAt,
    aggregateId: envelope.aggregateId,
    data: message[eventCase] ?? {},
    cloudevent: {
      specversion: '1.0',
      id: envelope.eventId,
      source: `/mart/${stream.module}`,
      type: eventTypeName(stream, eventCase),
      subject: envelope.aggregateId,
      time: envelope.occurredAt,
      datacontenttype: 'application/json',
      ...(envelope.correlationId && { correlationid: envelope.correlationId }),
      ...(envelope.causationId && { causationid: envelope.causationId }),
    },
  };
  return { eventId: envelope.eventId, eventType, aggregateId: envelope.aggregateId, body: JSON.stringify(body) };
}
