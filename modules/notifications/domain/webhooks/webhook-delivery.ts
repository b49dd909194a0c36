/** PENDING until it succeeds or is given up (FAILED); an attempt in flight holds a lease on it. */
export type DeliveryStatus = 'PENDING' | 'SUCCEEDED' | 'FAILED';
export const DELIVERY_STATUSES: readonly DeliveryStatus[] = ['PENDING', 'SUCCEEDED', 'FAILED'];

/** Why the delivery exists: an event's fan-out, a replay of a time range, an admin's redelivery, or a ping. */
export type DeliveryKind = 'event' | 'replay' | 'redelivery' | 'ping';

/** One event on its way to one endpoint. Deliveries of one endpoint and aggregate are sent in `seq` order, one at a time. */
export interface WebhookDelivery {
  id: string;
  seq: number;
  endpointId: string;
  /** The event's id: the `webhook-id` header, the receiver's key to drop duplicates. */
  eventId: string;
  eventType: string;
  aggregateId: string;
  kind: DeliveryKind;
  /** The JSON POSTed, exactly as signed. */
  body: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: Date;
  lastStatusCode: number | null;
  lastDurationMs: number | null;
  lastError: string | null;
  lastResponseExcerpt: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

/** A delivery to insert: what it carries; status, attempts and times start at their defaults. */
export type NewDelivery = Pick<WebhookDelivery, 'id' | 'endpointId' | 'eventId' | 'eventType' | 'aggregateId' | 'kind' | 'body'>;
