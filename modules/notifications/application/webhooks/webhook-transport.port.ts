import type { AttemptResult } from '../../domain/webhooks/delivery-policy';

export interface WebhookRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** What one POST came to, with how long it took and (for an answer) the start of the response body. */
export type WebhookResponse = AttemptResult & { durationMs: number; excerpt?: string; error?: string };

/** Sends webhook requests, refusing targets deliveries may not go to (checked at each connection, as DNS may change). */
export interface WebhookTransport {
  /** Why deliveries may not go to this URL (scheme, or a host resolving to a private address); undefined when they may. */
  refusalOf(url: string): Promise<string | undefined>;
  post(request: WebhookRequest): Promise<WebhookResponse>;
  close(): void;
}
