import { Model, snakeCaseMappers } from 'objection';
import type { Recipient } from '../domain/notification';

export class RecipientModel extends Model {
  static override tableName = 'recipients';
  static override idColumn = 'user_id';
  static override get columnNameMappers() {
    return snakeCaseMappers();
  }

  declare userId: string;
  declare email: string | null;
  declare name: string | null;
  declare phone: string | null;
  declare emailEnabled: boolean;
  declare smsEnabled: boolean;
  declare emailVerified: boolean;
  declare erasedAt: Date | null;
  declare updatedAt: Date;

  toRecipient(): Recipient {
    return {
      userId: this.userId,
      email: this.email,
      name: this.name,
      phone: this.phone,
      preferences: { email: this.emailEnabled, sms: this.smsEnabled },
      emailVerified: this.emailVerified,
      erased: this.erasedAt !== null,
    };
  }
}
