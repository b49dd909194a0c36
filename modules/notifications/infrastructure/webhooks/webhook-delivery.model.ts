import { Model, snakeCaseMappers } from 'objection';
import type { DeliveryKind, DeliveryStatus, WebhookDelivery } from '../../domain/webhooks/webhook-delivery';

export class WebhookDeliveryModel extends Model {
  static override tableName = 'webhook_deliveries';
  static override get columnNameMappers() {
    return snakeCaseMappers();
  }

  declare id: string;
  declare seq: string | number;
  declare endpointId: string;
  declare eventId: string;
  declare eventType: string;
  declare aggregateId: string;
  declare kind: DeliveryKind;
  declare body: string;
  declare status: DeliveryStatus;
  declare attempts: number;
  declare nextAttemptAt: Date;
  declare leaseUntil: Date | null;
  declare lastStatusCode: number | null;
  declare lastDurationMs: number | null;
  declare lastError: string | null;
  declare lastResponseExcerpt: string | null;
  declare createdAt: Date;
  declare finishedAt: Date | null;

  toDelivery(): WebhookDelivery {
    return {
      id: this.id,
      seq: Number(this.seq),
      endpointId: this.endpointId,
      eventId: this.eventId,
      eventType: this.eventType,
      aggregateId: this.aggregateId,
      kind: this.kind,
      body: this.body,
      status: this.status,
      attempts: this.attempts,
      nextAttemptAt: this.nextAttemptAt,
      lastStatusCode: this.lastStatusCode,
      lastDurationMs: this.lastDurationMs,
      lastError: this.lastError,
      lastResponseExcerpt: this.lastResponseExcerpt,
      createdAt: this.createdAt,
      finishedAt: this.finishedAt,
    };
  }
}
