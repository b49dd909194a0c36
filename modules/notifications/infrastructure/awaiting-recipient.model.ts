import { Model, snakeCaseMappers } from 'objection';
import type { TemplateMessage } from '../domain/templates/template-message';

export class AwaitingRecipientModel extends Model {
  static override tableName = 'awaiting_recipient';
  static override idColumn = 'source_event_id';
  static override jsonAttributes = ['data'];
  static override get columnNameMappers() {
    return snakeCaseMappers();
  }

  declare sourceEventId: string;
  declare userId: string;
  declare template: TemplateMessage['template'];
  declare data: TemplateMessage['data'];
  declare correlationId: string | null;
  declare createdAt: Date;

  toMessage(): TemplateMessage {
    return { template: this.template, data: this.data } as TemplateMessage;
  }
}
