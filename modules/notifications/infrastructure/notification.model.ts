import { Model, snakeCaseMappers } from 'objection';
import type { Channel, NotificationStatus } from '../domain/notification';
import type { TemplateName } from '../domain/templates/template-message';

export class NotificationModel extends Model {
  static override tableName = 'notifications';
  static override get columnNameMappers() {
    return snakeCaseMappers();
  }

  declare id: string;
  declare seq: number;
  declare userId: string;
  declare channel: Channel;
  declare template: TemplateName;
  declare sourceEventId: string;
  declare correlationId: string | null;
  declare recipient: string;
  declare subject: string;
  declare bodyText: string;
  declare bodyHtml: string | null;
  declare status: NotificationStatus;
  declare attempts: number;
  declare nextAttemptAt: Date;
  declare claimedAt: Date | null;
  declare lastError: string | null;
  declare createdAt: Date;
  declare sentAt: Date | null;
  declare failedAt: Date | null;
}
