import { Model, snakeCaseMappers } from 'objection';
import type { EndpointSecret, WebhookEndpoint } from '../../domain/webhooks/webhook-endpoint';

interface StoredSecret {
  id: string;
  sealed: string;
  createdAt: string;
  expiresAt: string | null;
}

export class WebhookEndpointModel extends Model {
  static override tableName = 'webhook_endpoints';
  static override get columnNameMappers() {
    return snakeCaseMappers();
  }

  declare id: string;
  declare url: string;
  declare eventTypes: string[];
  declare description: string;
  declare enabled: boolean;
  declare disabledReason: string | null;
  declare secrets: StoredSecret[];
  declare consecutiveFailures: number;
  declare failingSince: Date | null;
  declare createdAt: Date;
  declare updatedAt: Date;

  toEndpoint(): WebhookEndpoint {
    return {
      id: this.id,
      url: this.url,
      eventTypes: this.eventTypes,
      description: this.description,
      enabled: this.enabled,
      disabledReason: this.disabledReason,
      secrets: this.secrets.map((s) => ({ id: s.id, sealed: s.sealed, createdAt: new Date(s.createdAt), expiresAt: s.expiresAt ? new Date(s.expiresAt) : null })),
      consecutiveFailures: this.consecutiveFailures,
      failingSince: this.failingSince,
      createdAt: this.createdAt,
      updatedAt: this.updatedAt,
    };
  }
}

export function storedSecrets(secrets: readonly EndpointSecret[]): string {
  return JSON.stringify(
    secrets.map((s) => ({ id: s.id, sealed: s.sealed, createdAt: s.createdAt.toISOString(), expiresAt: s.expiresAt?.toISOString() ?? null })),
  );
}
