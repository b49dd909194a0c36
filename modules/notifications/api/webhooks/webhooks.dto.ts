import type { DeliveryKind, DeliveryStatus, WebhookDelivery } from '../../domain/webhooks/webhook-delivery';
import { liveSecrets, type WebhookEndpoint } from '../../domain/webhooks/webhook-endpoint';

/**
 * @pattern ^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$
 * @example "3f6c1a2e-8b7d-4c1e-9a51-0d2f4e6b8c10"
 */
export type WebhookId = string;

export interface WebhookEndpointRequest {
  /**
   * Where events are POSTed: https in production; a host resolving to a loopback, private, link-local or metadata
   * address is refused unless WEBHOOK_ALLOW_PRIVATE_TARGETS (development only).
   * @minLength 1 @maxLength 2000 @example "https://erp.example.com/hooks/mart"
   */
  url: string;
  /**
   * Event types (`GET /webhook-event-types`), or `*` for every event.
   * @minItems 1 @maxItems 200 @example ["orders.OrderPaid", "payments.PaymentRefunded"]
   */
  eventTypes: string[];
  /** @maxLength 500 @example "ERP order import" */
  description?: string;
}

export interface WebhookEndpointChangeRequest {
  /** @minLength 1 @maxLength 2000 */
  url?: string;
  /** @minItems 1 @maxItems 200 */
  eventTypes?: string[];
  /** @maxLength 500 */
  description?: string;
  /** false stops deliveries; true starts them again with a clean failure record. */
  enabled?: boolean;
}

export interface RotateSecretRequest {
  /**
   * How long the old secret keeps signing beside the new one, in hours (default 24; 0 stops it at once).
   * @isInt @minimum 0 @maximum 720
   */
  oldSecretExpiresInHours?: number;
}

export interface ReplayRequest {
  /** Start of the range (inclusive): when the events were published. @example "2026-12-06T10:00:00Z" */
  from: Date;
  /** End of the range (exclusive). @example "2026-12-06T11:00:00Z" */
  to: Date;
}

export interface WebhookSecretDto {
  id: string;
  createdAt: Date;
  /** When it stops signing (an old secret after a rotation); null for the current one. */
  expiresAt: Date | null;
}

export interface WebhookEndpointDto {
  id: string;
  url: string;
  eventTypes: string[];
  description: string;
  enabled: boolean;
  /** Why it is disabled (failures, or an admin), or null. */
  disabledReason: string | null;
  /** The secrets signing its deliveries now (their values are shown only when made). */
  secrets: WebhookSecretDto[];
  /** @isInt */
  consecutiveFailures: number;
  failingSince: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface WebhookEndpointWithSecretDto {
  endpoint: WebhookEndpointDto;
  /** The new signing secret (`whsec_…`): shown this once; store it to verify `webhook-signature`. */
  secret: string;
}

export interface WebhookEndpointListDto {
  items: WebhookEndpointDto[];
  nextCursor: string | null;
}

export interface WebhookDeliveryDto {
  id: string;
  endpointId: string;
  /** The `webhook-id` header: the event's id. */
  eventId: string;
  eventType: string;
  aggregateId: string;
  kind: DeliveryKind;
  status: DeliveryStatus;
  /** @isInt */
  attempts: number;
  /** When the next attempt is due (PENDING only). */
  nextAttemptAt: Date | null;
  /** @isInt */
  lastStatusCode: number | null;
  /** @isInt */
  lastDurationMs: number | null;
  lastError: string | null;
  /** The first bytes of the last response body. */
  lastResponseExcerpt: string | null;
  createdAt: Date;
  finishedAt: Date | null;
  /** The JSON body sent. */
  payload: string;
}

export interface WebhookDeliveryListDto {
  items: WebhookDeliveryDto[];
  nextCursor: string | null;
}

export interface ReplayDto {
  from: Date;
  to: Date;
  /** @isInt */
  eventsRead: number;
  /** @isInt */
  queued: number;
  truncated: boolean;
  limitReached: boolean;
}

export function toEndpointDto(endpoint: WebhookEndpoint, now = new Date()): WebhookEndpointDto {
  return {
    id: endpoint.id,
    url: endpoint.url,
    eventTypes: endpoint.eventTypes,
    description: endpoint.description,
    enabled: endpoint.enabled,
    disabledReason: endpoint.disabledReason,
    secrets: liveSecrets(endpoint.secrets, now).map((s) => ({ id: s.id, createdAt: s.createdAt, expiresAt: s.expiresAt })),
    consecutiveFailures: endpoint.consecutiveFailures,
    failingSince: endpoint.failingSince,
    createdAt: endpoint.createdAt,
    updatedAt: endpoint.updatedAt,
  };
}

export function toDeliveryDto(delivery: WebhookDelivery): WebhookDeliveryDto {
  return {
    id: delivery.id,
    endpointId: delivery.endpointId,
    eventId: delivery.eventId,
    eventType: delivery.eventType,
    aggregateId: delivery.aggregateId,
    kind: delivery.kind,
    status: delivery.status,
    attempts: delivery.attempts,
    nextAttemptAt: delivery.status === 'PENDING' ? delivery.nextAttemptAt : null,
    lastStatusCode: delivery.lastStatusCode,
    lastDurationMs: delivery.lastDurationMs,
    lastError: delivery.lastError,
    lastResponseExcerpt: delivery.lastResponseExcerpt,
    createdAt: delivery.createdAt,
    finishedAt: delivery.finishedAt,
    payload: delivery.body,
  };
}
