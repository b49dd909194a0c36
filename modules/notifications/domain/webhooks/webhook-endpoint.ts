/** A signing secret of an endpoint, sealed at rest; `expiresAt` is set on the old one when the secret is rotated. */
export interface EndpointSecret {
  id: string;
  sealed: string;
  createdAt: Date;
  expiresAt: Date | null;
}

/** Where an integrator wants events POSTed, which ones, and how its deliveries have been going. */
export interface WebhookEndpoint {
  id: string;
  url: string;
  /** Webhook event types (`orders.OrderPlaced`), or `*` for every event. */
  eventTypes: string[];
  description: string;
  enabled: boolean;
  disabledReason: string | null;
  secrets: EndpointSecret[];
  /** Failed attempts in a row, and since when; reset by any answered success. */
  consecutiveFailures: number;
  failingSince: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export const EVERY_EVENT_TYPE = '*';

export function subscribesTo(endpoint: Pick<WebhookEndpoint, 'eventTypes'>, eventType: string): boolean {
  return endpoint.eventTypes.includes(EVERY_EVENT_TYPE) || endpoint.eventTypes.includes(eventType);
}

/**
 * Whether an event as it is consumed goes to the endpoint: one of its types, occurred since the endpoint was
 * created. Earlier events reach it only by replay, however far behind the consumer is (or when its group starts
 * from the beginning of the topics).
 */
export function receivesLive(endpoint: Pick<WebhookEndpoint, 'eventTypes' | 'createdAt'>, eventType: string, occurredAt: Date): boolean {
  return subscribesTo(endpoint, eventType) && occurredAt >= endpoint.createdAt;
}

/** The secrets that still sign at `now`: the current one, and an old one until its expiry. */
export function liveSecrets(secrets: readonly EndpointSecret[], now: Date): EndpointSecret[] {
  return secrets.filter((secret) => secret.expiresAt === null || secret.expiresAt > now);
}

/**
 * The secrets after a rotation: the new one, and every one still live that signs alongside it until `oldExpiresAt`
 * (or its own earlier expiry). Expired ones are dropped.
 */
export function rotateSecrets(secrets: readonly EndpointSecret[], fresh: EndpointSecret, oldExpiresAt: Date, now: Date): EndpointSecret[] {
  const kept = liveSecrets(secrets, now)
    .map((secret) => ({ ...secret, expiresAt: secret.expiresAt && secret.expiresAt < oldExpiresAt ? secret.expiresAt : oldExpiresAt }))
    .filter((secret) => secret.expiresAt > now);
  return [fresh, ...kept];
}

/** When an endpoint that keeps failing is disabled: after `failures` failed attempts in a row spanning `afterMs`. */
export interface DisablePolicy {
  failures: number;
  afterMs: number;
}

export function shouldDisable(endpoint: Pick<WebhookEndpoint, 'enabled' | 'consecutiveFailures' | 'failingSince'>, policy: DisablePolicy, now: Date): boolean {
  return (
    endpoint.enabled &&
    endpoint.consecutiveFailures >= policy.failures &&
    endpoint.failingSince !== null &&
    now.getTime() - endpoint.failingSince.getTime() >= policy.afterMs
  );
}
