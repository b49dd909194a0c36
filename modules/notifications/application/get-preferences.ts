import type { Knex } from 'knex';
import { DEFAULT_PREFERENCES, type Preferences } from '../domain/notification';
import { RecipientModel } from '../infrastructure/recipient.model';

export async function getPreferences(db: Knex, userId: string): Promise<Preferences> {
  const recipient = await RecipientModel.query(db).findById(userId);
  return recipient ? recipient.toRecipient().preferences : { ...DEFAULT_PREFERENCES };
}
