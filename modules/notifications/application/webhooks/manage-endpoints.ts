import { randomUUID } from 'node:crypto';
import { Keyset, NEWEST_FIRST, type Page } from '../../../../src/paging/keyset';
import { pageSize, pageSizeProblem } from '../../../../src/paging/page-size';
import { NotificationErrors } from '../../domain/notifications.errors';
import { EVERY_EVENT_TYPE, rotateSecrets, type EndpointSecret, type WebhookEndpoint } from '../../domain/webhooks/webhook-endpoint';
import { newSigningSecret } from '../../domain/webhooks/webhook-signature';
import {
  deleteEndpoint as deleteEndpointRow,
  findEndpoint,
  insertEndpoint,
  listEndpoints as queryEndpoints,
  lockEndpoint,
  updateEndpoint as updateEndpointRow,
} from '../../infrastructure/webhooks/webhook-endpoint.repository';
import { webhookEventTypes } from './webhook-events';
import type { WebhooksDependencies } from './webhooks-dependencies';

export interface EndpointRequest {
  url: string;
  eventTypes: string[];
  description?: string;
}

export interface EndpointChangeRequest {
  url?: string;
  eventTypes?: string[];
  description?: string;
  enabled?: boolean;
}

/** An endpoint with the signing secret it was just given: shown this once, never again. */
export interface EndpointWithSecret {
  endpoint: WebhookEndpoint;
  secret: string;
}

const DEFAULT_ROTATION_OVERLAP_HOURS = 24;

export async function createEndpoint(deps: WebhooksDependencies, request: EndpointRequest, now = new Date()): Promise<EndpointWithSecret> {
  await refuseUnlessDeliverable(deps, request.url);
  const eventTypes = checkedEventTypes(request.eventTypes);
  const secret = newSigningSecret();
  const endpoint = await insertEndpoint(deps.db, {
    id: randomUUID(),
    url: request.url,
    eventTypes,
    description: request.description ?? '',
    secrets: [sealedSecret(deps, secret, now)],
  });
  return { endpoint, secret };
}

const ENDPOINTS = new Keyset('webhook-endpoints', NEWEST_FIRST);

export async function listEndpoints(deps: Pick<WebhooksDependencies, 'db'>, query: { limit?: number; cursor?: string }): Promise<Page<WebhookEndpoint>> {
  const limitProblem = pageSizeProblem(query.limit);
  if (limitProblem) throw NotificationErrors.invalidLimit(limitProblem);
  const after = ENDPOINTS.after(query.cursor, NotificationErrors.invalidCursor);
  return ENDPOINTS.page(pageSize(query.limit), (rows) => queryEndpoints(deps.db, after, rows), (e) => [e.createdAt, e.id]);
}

export async function getEndpoint(deps: Pick<WebhooksDependencies, 'db'>, id: string): Promise<WebhookEndpoint> {
  const endpoint = await findEndpoint(deps.db, id);
  if (!endpoint) throw NotificationErrors.webhookEndpointNotFound(id);
  return endpoint;
}

/** The endpoint, if it is enabled: what is sent to it on request (ping, redelivery, replay) needs it on. */
export async function getEnabledEndpoint(deps: Pick<WebhooksDependencies, 'db'>, id: string): Promise<WebhookEndpoint> {
  const endpoint = await getEndpoint(deps, id);
  if (!endpoint.enabled) throw NotificationErrors.webhookEndpointDisabled(endpoint.id);
  return endpoint;
}

/** Changes URL, subscriptions, description or whether it is enabled; enabling it again starts a clean record. */
export async function changeEndpoint(deps: WebhooksDependencies, id: string, request: EndpointChangeRequest): Promise<WebhookEndpoint> {
  if (request.url !== undefined) await refuseUnlessDeliverable(deps, request.url);
  const eventTypes = request.eventTypes === undefined ? undefined : checkedEventTypes(request.eventTypes);
  return deps.db.transaction(async (trx) => {
    if (!(await lockEndpoint(trx, id))) throw NotificationErrors.webhookEndpointNotFound(id);
    return updateEndpointRow(trx, id, { url: request.url, eventTypes, description: request.description, enabled: request.enabled });
  });
}

/** Deletes the endpoint and its delivery log; nothing more is sent to it. */
export async function deleteEndpoint(deps: Pick<WebhooksDependencies, 'db'>, id: string): Promise<void> {
  if (!(await deleteEndpointRow(deps.db, id))) throw NotificationErrors.webhookEndpointNotFound(id);
}

/**
 * Gives the endpoint a new signing secret. Deliveries are signed with both the new secret and the old one (each
 * signature in the header) until `oldSecretExpiresInHours` from now (24 by default; 0 stops the old one at once).
 */
export async function rotateSecret(deps: WebhooksDependencies, id: string, oldSecretExpiresInHours = DEFAULT_ROTATION_OVERLAP_HOURS, now = new Date()): Promise<EndpointWithSecret> {
  const secret = newSigningSecret();
  const endpoint = await deps.db.transaction(async (trx) => {
    const current = await lockEndpoint(trx, id);
    if (!current) throw NotificationErrors.webhookEndpointNotFound(id);
    const oldExpiresAt = new Date(now.getTime() + oldSecretExpiresInHours * 60 * 60 * 1000);
    return updateEndpointRow(trx, id, { secrets: rotateSecrets(current.secrets, sealedSecret(deps, secret, now), oldExpiresAt, now) });
  });
  return { endpoint, secret };
}

function sealedSecret(deps: Pick<WebhooksDependencies, 'sealed'>, secret: string, now: Date): EndpointSecret {
  return { id: randomUUID(), sealed: deps.sealed.seal(secret), createdAt: now, expiresAt: null };
}

async function refuseUnlessDeliverable(deps: Pick<WebhooksDependencies, 'transport'>, url: string): Promise<void> {
  const refusal = await deps.transport.refusalOf(url);
  if (refusal) throw NotificationErrors.webhookUrlRefused(refusal);
}

/** The types asked for, each once; `*` stands alone for every event. */
function checkedEventTypes(requested: readonly string[]): string[] {
  const known = new Set(webhookEventTypes());
  const unknown = requested.filter((type) => type !== EVERY_EVENT_TYPE && !known.has(type));
  if (unknown.length > 0) throw NotificationErrors.unknownEventTypes(unknown);
  return requested.includes(EVERY_EVENT_TYPE) ? [EVERY_EVENT_TYPE] : [...new Set(requested)].sort();
}
